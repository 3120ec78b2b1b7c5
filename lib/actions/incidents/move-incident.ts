"use server";

import { getDb } from "@/db";
import type { Incident } from "@/db/schema";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { changeIncidentStatus } from "@/lib/incidents/change-status";
import type { ChangeStatusInput } from "@/lib/incidents/schemas";
import { toResult, type Result } from "@/lib/result";

/**
 * A card dropped on another column. It carries the version the board showed, so a move based on a
 * stale card is refused (409) and the board reverts instead of overwriting someone else's change.
 */
export async function moveIncidentAction(
  workspaceSlug: string,
  incidentId: string,
  input: Pick<ChangeStatusInput, "status" | "version">,
): Promise<Result<Incident>> {
  const db = await getDb();
  const actor = await toResult(() => getCurrentActor(db, { workspaceSlug }));
  if (!actor.ok) return actor;
  return changeIncidentStatus(db, actor.data, incidentId, { status: input.status, version: input.version, reason: "Moved on the board" });
}
