"use server";

import { createWorkspace } from "@/lib/workspaces";
import { mapResult } from "@/lib/result";
import { rememberWorkspace, userAction } from "@/lib/actions/define";

/** Creates a team workspace with the signed-in user as its admin and makes it their current one. */
export const createWorkspaceAction = userAction("workspaces.create", async ({ db, user }, input: { name: string; slug: string }) => {
  const r = await createWorkspace(db, user, input);
  if (r.ok) await rememberWorkspace(r.data.slug);
  return mapResult(r, (ws) => ({ slug: ws.slug }));
});
