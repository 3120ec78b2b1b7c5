"use server";

import { getDb } from "@/db";
import type { Incident } from "@/db/schema";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { updateIncident } from "@/lib/incidents/update-incident";
import type { UpdateIncidentInput } from "@/lib/incidents/schemas";
import { toResult, type Result } from "@/lib/result";

/** Edits fields of an incident read at `input.version`; a stale version comes back as `conflict:incident`. */
export async function updateIncidentAction(workspaceSlug: string, incidentId: string, input: UpdateIncidentInput): Promise<Result<Incident>> {
  const db = await getDb();
  const actor = await toResult(() => getCurrentActor(db, { workspaceSlug }));
  if (!actor.ok) return actor;
  return updateIncident(db, actor.data, incidentId, input);
}
