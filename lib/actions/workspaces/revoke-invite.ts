"use server";

import { revokeInvite } from "@/lib/workspaces";
import { workspaceAction } from "@/lib/actions/define";

/** Revokes a pending invite (admins). */
export const revokeInviteAction = workspaceAction("workspaces.revokeInvite", ({ db, actor }, id: string) => revokeInvite(db, actor, id));
