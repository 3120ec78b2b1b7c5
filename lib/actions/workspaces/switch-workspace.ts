"use server";

import { ok } from "@/lib/result";
import { rememberWorkspace, workspaceAction } from "@/lib/actions/define";

/** Makes a workspace the current one, after checking the caller belongs to it. */
export const switchWorkspace = workspaceAction(
  "workspaces.switch",
  async ({ workspace }) => {
    await rememberWorkspace(workspace.slug);
    return ok({ slug: workspace.slug });
  },
  { intent: "read" },
);
