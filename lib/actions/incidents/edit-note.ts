"use server";

import { editNote } from "@/lib/incidents";
import { workspaceAction } from "@/lib/actions/define";

/** Edits the caller's own note from the version they read (`conflict:note` when it changed since). */
export const editNoteAction = workspaceAction("incidents.editNote", ({ db, actor }, noteId: string, input: { body: string; version: number }) =>
  editNote(db, actor, noteId, input),
);
