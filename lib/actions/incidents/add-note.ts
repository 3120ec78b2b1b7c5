"use server";

import { getDb } from "@/db";
import type { TimelineEntry } from "@/db/schema";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { addNote } from "@/lib/incidents/notes";
import { toResult, type Result } from "@/lib/result";

/** Adds a note entry to the incident's timeline. */
export async function addNoteAction(workspaceSlug: string, incidentId: string, input: { body: string }): Promise<Result<TimelineEntry>> {
  const db = await getDb();
  const actor = await toResult(() => getCurrentActor(db, { workspaceSlug }));
  if (!actor.ok) return actor;
  return addNote(db, actor.data, incidentId, input);
}
