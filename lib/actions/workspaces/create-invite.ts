"use server";

import { createInvite } from "@/lib/workspaces";
import { workspaceAction } from "@/lib/actions/define";

/** Creates an invite link (admins); the token comes back once so the admin can copy the link. */
export const createInviteAction = workspaceAction("workspaces.createInvite", ({ db, actor }, input: { email: string; role: string }) =>
  createInvite(db, actor, input),
);
