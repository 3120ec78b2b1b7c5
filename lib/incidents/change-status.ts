import type { Incident, IncidentStatus } from "@/db/schema";
import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/shared";
import { assertCan } from "@/lib/auth";
import { recordAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import { publish } from "@/lib/realtime";
import { parseInput, toResult, type Result } from "@/lib/result";
import { changeStatusSchema, incidentIdSchema } from "./schemas";
import { lockIncident, statusTimestamps, updateIncidentRow, writeStatusHistory } from "./write-helpers";

/**
 * Moves an incident inside the caller's transaction. Any move, forward or back, is allowed and
 * recorded with its actor; moving to the status it already has changes nothing. `resolvedAt` (for
 * a move to resolved) is when the problem ended by the sender's account, such as an alert's
 * `endsAt`: it is kept between the incident's creation and `at`, while the history row keeps `at`.
 */
export async function applyStatusChange(
  tx: Database,
  actor: Actor,
  incidentId: string,
  change: {
    status: IncidentStatus;
    version?: number;
    reason?: string | null;
    at?: Date;
    resolvedAt?: Date | null;
    /** On a move to resolved (or straight to closed): what ended it and what caused it, kept on the incident. */
    resolution?: { summary?: string; cause?: string };
  },
): Promise<{ incident: Incident; changed: boolean }> {
  const current = await lockIncident(tx, { workspaceId: actor.workspaceId, id: incidentId });
  if (change.version !== undefined && change.version !== current.version) {
    throw new AppError("conflict:incident", "Someone else changed this incident since you opened it. Reload to see their change, then try again.", {
      details: { currentVersion: current.version, currentStatus: current.status },
    });
  }
  if (current.status === change.status) return { incident: current, changed: false };
  const at = change.at ?? new Date();
  const incident = await updateIncidentRow(
    tx,
    { workspaceId: actor.workspaceId, id: incidentId },
    { status: change.status, ...statusTimestamps(current, change.status, at), ...resolvedAtOverride(current, change, at), ...resolutionFields(change) },
  );
  await writeStatusHistory(tx, actor, { incidentId, from: current.status, to: change.status, reason: change.reason, at });
  await recordAudit(tx, actor, {
    action: "incident.status",
    targetType: "incident",
    targetId: incidentId,
    data: { from: current.status, to: change.status, ...resolutionFields(change) },
  });
  return { incident, changed: true };
}

/** The resolution a person gave on resolve; blank answers keep what the incident already holds. */
function resolutionFields(change: { status: IncidentStatus; resolution?: { summary?: string; cause?: string } }) {
  if ((change.status !== "resolved" && change.status !== "closed") || !change.resolution) return {};
  const out: { resolutionSummary?: string; resolutionCause?: string } = {};
  if (change.resolution.summary) out.resolutionSummary = change.resolution.summary;
  if (change.resolution.cause) out.resolutionCause = change.resolution.cause;
  return out;
}

function resolvedAtOverride(current: Incident, change: { status: IncidentStatus; resolvedAt?: Date | null }, at: Date): { resolvedAt?: Date } {
  if (change.status !== "resolved" || !change.resolvedAt || current.resolvedAt) return {};
  const ms = Math.min(Math.max(change.resolvedAt.getTime(), current.createdAt.getTime()), at.getTime());
  return { resolvedAt: new Date(ms) };
}

export async function changeIncidentStatus(db: Database, actor: Actor, id: string, input: unknown): Promise<Result<Incident>> {
  return toResult({ op: "incidents.changeIncidentStatus", actor }, async () => {
    assertCan(actor, "incident:write");
    const incidentId = parseInput(incidentIdSchema, id);
    const change = parseInput(changeStatusSchema, input);
    const { incident, changed } = await db.transaction((tx) => applyStatusChange(tx, actor, incidentId, change));
    if (changed) await publish(actor, { type: "incident.updated", incidentId, version: incident.version, fields: ["status"] });
    return incident;
  });
}
