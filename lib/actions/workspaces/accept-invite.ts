"use server";

import { acceptInvite } from "@/lib/workspaces";
import { mapResult } from "@/lib/result";
import { rememberWorkspace, userAction } from "@/lib/actions/define";

/** Accepts an invite as the signed-in user and makes its workspace their current one. */
export const acceptInviteAction = userAction("workspaces.acceptInvite", async ({ db, user }, token: string) => {
  const r = await acceptInvite(db, user, token);
  if (r.ok) await rememberWorkspace(r.data.workspaceSlug);
  return mapResult(r, (invite) => ({ workspaceSlug: invite.workspaceSlug }));
});
