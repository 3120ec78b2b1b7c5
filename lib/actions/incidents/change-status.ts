"use server";

import { getDb } from "@/db";
import type { Incident } from "@/db/schema";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { changeIncidentStatus } from "@/lib/incidents/change-status";
import type { ChangeStatusInput } from "@/lib/incidents/schemas";
import { toResult, type Result } from "@/lib/result";

/** Moves an incident to any status (forward or back); with `version`, a stale move is refused. */
export async function changeStatusAction(workspaceSlug: string, incidentId: string, input: ChangeStatusInput): Promise<Result<Incident>> {
  const db = await getDb();
  const actor = await toResult(() => getCurrentActor(db, { workspaceSlug }));
  if (!actor.ok) return actor;
  return changeIncidentStatus(db, actor.data, incidentId, input);
}
