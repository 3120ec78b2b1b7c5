"use server";

import { getDb } from "@/db";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { deleteIncident } from "@/lib/incidents/delete-incident";
import { toResult, type Result } from "@/lib/result";

/** Deletes an incident with its history, timeline and events. */
export async function deleteIncidentAction(workspaceSlug: string, incidentId: string): Promise<Result<{ id: string; number: number }>> {
  const db = await getDb();
  const actor = await toResult(() => getCurrentActor(db, { workspaceSlug }));
  if (!actor.ok) return actor;
  return deleteIncident(db, actor.data, incidentId);
}
