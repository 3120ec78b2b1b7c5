"use server";

import { removeMember } from "@/lib/workspaces";
import { workspaceAction } from "@/lib/actions/define";

/** Removes a member (admins; the last admin stays). */
export const removeMemberAction = workspaceAction("workspaces.removeMember", ({ db, actor }, userId: string) => removeMember(db, actor, userId));
