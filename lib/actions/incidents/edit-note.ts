"use server";

import { getDb } from "@/db";
import type { TimelineEntry } from "@/db/schema";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { editNote } from "@/lib/incidents/notes";
import { toResult, type Result } from "@/lib/result";

/** Edits the caller's own note from the version they read (`conflict:note` when it changed since). */
export async function editNoteAction(workspaceSlug: string, noteId: string, input: { body: string; version: number }): Promise<Result<TimelineEntry>> {
  const db = await getDb();
  const actor = await toResult(() => getCurrentActor(db, { workspaceSlug }));
  if (!actor.ok) return actor;
  return editNote(db, actor.data, noteId, input);
}
