import { and, eq, sql } from "drizzle-orm";
import { incidents, incidentStatusHistory, workspaces, type Incident, type IncidentStatus } from "@/db/schema";
import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/shared";
import { AppError } from "@/lib/errors";

/** Next incident number of the workspace; the row lock on the workspace serialises concurrent creators. */
export async function nextIncidentNumber(tx: Database, workspaceId: string): Promise<number> {
  const [row] = await tx
    .update(workspaces)
    .set({ incidentSeq: sql`${workspaces.incidentSeq} + 1` })
    .where(eq(workspaces.id, workspaceId))
    .returning({ seq: workspaces.incidentSeq });
  if (!row) throw new AppError("not_found:workspace", "Workspace not found.");
  return row.seq;
}

/** Timestamps that follow a status: acknowledged on leaving triage, resolved/closed set and cleared. */
export function statusTimestamps(current: Pick<Incident, "acknowledgedAt" | "resolvedAt" | "closedAt"> | null, to: IncidentStatus, now: Date) {
  const isDone = to === "resolved" || to === "closed";
  return {
    acknowledgedAt: current?.acknowledgedAt ?? (to !== "triage" ? now : null),
    resolvedAt: isDone ? (current?.resolvedAt ?? now) : null,
    closedAt: to === "closed" ? (current?.closedAt ?? now) : null,
  };
}

export async function writeStatusHistory(
  tx: Database,
  actor: Actor,
  entry: { incidentId: string; from: IncidentStatus | null; to: IncidentStatus; reason?: string | null; at?: Date },
): Promise<void> {
  await tx.insert(incidentStatusHistory).values({
    workspaceId: actor.workspaceId,
    incidentId: entry.incidentId,
    fromStatus: entry.from,
    toStatus: entry.to,
    actorKind: actor.kind,
    actorId: actor.id,
    actorName: actor.name,
    reason: entry.reason ?? null,
    ...(entry.at ? { createdAt: entry.at } : {}),
  });
}

/**
 * Applies `changes` only if the row still has `expectedVersion` (when given), bumping the version.
 * A stale version is a 409 that names the current one, never a silent overwrite.
 */
export async function updateIncidentRow(
  tx: Database,
  where: { workspaceId: string; id: string; expectedVersion?: number },
  changes: Partial<typeof incidents.$inferInsert>,
): Promise<Incident> {
  const conds = [eq(incidents.workspaceId, where.workspaceId), eq(incidents.id, where.id)];
  if (where.expectedVersion !== undefined) conds.push(eq(incidents.version, where.expectedVersion));
  const [row] = await tx
    .update(incidents)
    .set({ ...changes, version: sql`${incidents.version} + 1`, updatedAt: new Date() })
    .where(and(...conds))
    .returning();
  if (row) return row;
  const [current] = await tx
    .select({ version: incidents.version })
    .from(incidents)
    .where(and(eq(incidents.workspaceId, where.workspaceId), eq(incidents.id, where.id)));
  if (!current) throw new AppError("not_found:incident", "Incident not found.");
  throw new AppError("conflict:incident", "Someone else changed this incident since you opened it. Reload to see their change, then try again.", {
    details: { currentVersion: current.version },
  });
}

/** Locks the incident row for the rest of the transaction (or 404s). */
export async function lockIncident(tx: Database, where: { workspaceId: string; id: string }): Promise<Incident> {
  const [row] = await tx
    .select()
    .from(incidents)
    .where(and(eq(incidents.workspaceId, where.workspaceId), eq(incidents.id, where.id)))
    .for("update");
  if (!row) throw new AppError("not_found:incident", "Incident not found.");
  return row;
}
