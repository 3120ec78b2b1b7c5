"use server";

import { addNote } from "@/lib/incidents";
import { workspaceAction } from "@/lib/actions/define";

/** Adds a note entry to the incident's timeline. */
export const addNoteAction = workspaceAction("incidents.addNote", ({ db, actor }, incidentId: string, input: { body: string }) =>
  addNote(db, actor, incidentId, input),
);
