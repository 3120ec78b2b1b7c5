"use server";

import { getDb } from "@/db";
import type { Incident } from "@/db/schema";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { createIncident } from "@/lib/incidents/create-incident";
import type { CreateIncidentInput } from "@/lib/incidents/schemas";
import { toResult, type Result } from "@/lib/result";

/** The board's create dialog: validation errors come back as `fieldErrors` keyed by field name. */
export async function createIncidentAction(workspaceSlug: string, input: CreateIncidentInput): Promise<Result<Incident>> {
  const db = await getDb();
  const actor = await toResult(() => getCurrentActor(db, { workspaceSlug }));
  if (!actor.ok) return actor;
  return createIncident(db, actor.data, input);
}
