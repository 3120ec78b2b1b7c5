"use server";

import { changeMemberRole } from "@/lib/workspaces";
import { workspaceAction } from "@/lib/actions/define";

/** Changes a member's role (admins; the last admin stays). */
export const changeMemberRoleAction = workspaceAction("workspaces.changeMemberRole", ({ db, actor }, input: { userId: string; role: string }) =>
  changeMemberRole(db, actor, input),
);
