"use server";

import { workspaceAction } from "@/lib/actions/define";
import { createPostmortem } from "@/lib/postmortems";

/** "Write post-mortem" on a resolved incident. */
export const createPostmortemAction = workspaceAction("postmortems.create", ({ db, actor }, incidentId: string) => createPostmortem(db, actor, incidentId));
