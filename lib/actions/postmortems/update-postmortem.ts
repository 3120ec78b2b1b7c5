"use server";

import { workspaceAction } from "@/lib/actions/define";
import { updatePostmortem } from "@/lib/postmortems";

/** Autosave, accepting a drafted section, and status moves; carries the version it read (stale: 409). */
export const updatePostmortemAction = workspaceAction("postmortems.update", ({ db, actor }, incidentId: string, input: unknown) => updatePostmortem(db, actor, incidentId, input));
