import "server-only";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import type { Workspace } from "@/db/schema";
import { getWorkspaceById } from "@/lib/workspaces/queries";
import type { Actor } from "./actor";
import { requireAdminPageActor, requirePageActor } from "./current-actor";

/** For settings pages: the caller, and the workspace they are looking at (its slug goes to actions). */
export async function settingsContext(options: { adminOnly?: boolean; returnTo: string }): Promise<{ actor: Actor; workspace: Workspace }> {
  const actor = options.adminOnly ? await requireAdminPageActor(undefined, { returnTo: options.returnTo }) : await requirePageActor(undefined, { returnTo: options.returnTo });
  const workspace = await getWorkspaceById(await getDb(), actor.workspaceId);
  if (!workspace) notFound();
  return { actor, workspace };
}
