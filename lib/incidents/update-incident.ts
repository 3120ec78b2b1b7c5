import type { Incident } from "@/db/schema";
import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/shared";
import { assertCan } from "@/lib/auth";
import { recordAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import { publish } from "@/lib/realtime";
import { parseInput, toResult, type Result } from "@/lib/result";
import { incidentIdSchema, updateIncidentSchema } from "./schemas";
import { lockIncident, updateIncidentRow } from "./write-helpers";
import { applyStatusChange } from "./change-status";
import { timelineEntries } from "@/db/schema";

const labels: Record<string, string> = {
  title: "title",
  description: "description",
  service: "service",
  team: "team",
  severity: "severity",
  affectedSystems: "affected systems",
  incidentType: "type",
  remediationMode: "remediation mode",
  actionable: "actionable",
  receivesIntake: "receives intake",
  metadata: "metadata",
  notes: "notes",
  generatedBy: "source",
};

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Fields an edit may change (what the REST PATCH and the incident page send, minus version and status). */
export type IncidentEdit = Partial<
  Pick<Incident, "title" | "description" | "service" | "team" | "severity" | "affectedSystems" | "incidentType" | "remediationMode" | "actionable" | "metadata" | "notes" | "generatedBy">
>;

/**
 * Applies an edit inside the caller's transaction: only fields whose value changes are written, the
 * visible ones are recorded on the timeline and every edit in the audit log. With `expectedVersion`,
 * an incident changed since it was read is a conflict.
 */
export async function applyIncidentEdit(
  tx: Database,
  actor: Actor,
  incidentId: string,
  fields: IncidentEdit,
  options: { expectedVersion?: number } = {},
): Promise<{ incident: Incident; changed: string[] }> {
  const current = await lockIncident(tx, { workspaceId: actor.workspaceId, id: incidentId });
  if (options.expectedVersion !== undefined && current.version !== options.expectedVersion) {
    throw new AppError("conflict:incident", "Someone else changed this incident since you opened it. Reload to see their change, then try again.", {
      details: { currentVersion: current.version },
    });
  }
  const changed = Object.fromEntries(Object.entries(fields).filter(([k, v]) => v !== undefined && !sameValue(v, current[k as keyof Incident])));
  const keys = Object.keys(changed);
  if (keys.length === 0) return { incident: current, changed: [] };
  const incident = await updateIncidentRow(tx, { workspaceId: actor.workspaceId, id: incidentId, expectedVersion: current.version }, changed);
  const visible = keys.filter((k) => k !== "notes" && k !== "metadata" && k !== "description" && k !== "generatedBy");
  if (visible.length > 0) {
    await tx.insert(timelineEntries).values({
      workspaceId: actor.workspaceId,
      incidentId,
      kind: "field_change",
      body: `changed ${visible.map((k) => labels[k] ?? k).join(", ")}`,
      data: Object.fromEntries(visible.map((k) => [k, { from: current[k as keyof Incident], to: changed[k] }])),
      authorKind: actor.kind,
      authorId: actor.id,
      authorName: actor.name,
    });
  }
  await recordAudit(tx, actor, { action: "incident.update", targetType: "incident", targetId: incidentId, data: { fields: keys } });
  return { incident, changed: keys };
}

/**
 * Edits fields (and optionally the status) of an incident the caller read at `version`, in one
 * transaction; records what changed on the timeline.
 */
export async function updateIncident(db: Database, actor: Actor, id: string, input: unknown): Promise<Result<Incident>> {
  return toResult({ op: "incidents.updateIncident", actor }, async () => {
    assertCan(actor, "incident:write");
    const incidentId = parseInput(incidentIdSchema, id);
    const { version, status, reason, resolution, ...fields } = parseInput(updateIncidentSchema, input);
    const row = await db.transaction(async (tx) => {
      let { incident } = await applyIncidentEdit(tx, actor, incidentId, fields, { expectedVersion: version });
      if (status !== undefined) incident = (await applyStatusChange(tx, actor, incidentId, { status, reason, resolution })).incident;
      return incident;
    });
    await publish(actor, {
      type: "incident.updated",
      incidentId: row.id,
      version: row.version,
      fields: [...Object.keys(fields), ...(status ? ["status"] : [])],
    });
    return row;
  });
}
