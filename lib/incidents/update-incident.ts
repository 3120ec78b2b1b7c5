import type { Incident } from "@/db/schema";
import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { publish } from "@/lib/realtime/publish";
import { parseInput, toResult, type Result } from "@/lib/result";
import { incidentIdSchema, updateIncidentSchema } from "./schemas";
import { lockIncident, updateIncidentRow } from "./write-helpers";
import { applyStatusChange } from "./change-status";
import { timelineEntries } from "@/db/schema";

const log = logger("incidents");

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
};

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Edits fields (and optionally the status) of an incident the caller read at `version`, in one
 * transaction; records what changed on the timeline.
 */
export async function updateIncident(db: Database, actor: Actor, id: string, input: unknown): Promise<Result<Incident>> {
  return toResult(async () => {
    assertCan(actor, "incident:write");
    const incidentId = parseInput(incidentIdSchema, id);
    const { version, status, reason, ...fields } = parseInput(updateIncidentSchema, input);
    const row = await db.transaction(async (tx) => {
      const current = await lockIncident(tx, { workspaceId: actor.workspaceId, id: incidentId });
      if (current.version !== version) {
        throw new AppError("conflict:incident", "Someone else changed this incident since you opened it. Reload to see their change, then try again.", {
          details: { currentVersion: current.version },
        });
      }
      const changed = Object.fromEntries(
        Object.entries(fields).filter(([k, v]) => v !== undefined && !sameValue(v, current[k as keyof Incident])),
      );
      let updated = current;
      if (Object.keys(changed).length > 0) {
        updated = await updateIncidentRow(tx, { workspaceId: actor.workspaceId, id: incidentId, expectedVersion: version }, changed);
      }
      if (status !== undefined) {
        updated = (await applyStatusChange(tx, actor, incidentId, { status, reason })).incident;
      }
      if (Object.keys(changed).length === 0) return updated;
      const visible = Object.keys(changed).filter((k) => k !== "notes" && k !== "metadata" && k !== "description");
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
      await recordAudit(tx, actor, { action: "incident.update", targetType: "incident", targetId: incidentId, data: { fields: Object.keys(changed) } });
      return updated;
    });
    await publish(actor, {
      type: "incident.updated",
      incidentId: row.id,
      version: row.version,
      fields: [...Object.keys(fields), ...(status ? ["status"] : [])],
    });
    return row;
  }, (e) => log.error({ err: e }, "updateIncident failed"));
}
