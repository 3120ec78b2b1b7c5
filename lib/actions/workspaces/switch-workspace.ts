"use server";

import { getDb } from "@/db";
import { rememberWorkspace } from "@/lib/actions/auth/sign-in-context";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { toResult, type Result } from "@/lib/result";

/** Makes `workspaceSlug` the current workspace, after checking the caller belongs to it. */
export async function switchWorkspace(workspaceSlug: string): Promise<Result<{ slug: string }>> {
  return toResult(async () => {
    await getCurrentActor(await getDb(), { workspaceSlug });
    await rememberWorkspace(workspaceSlug);
    return { slug: workspaceSlug };
  });
}
