import "server-only";
import { cache } from "react";
import { eq } from "drizzle-orm";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { workspaces } from "@/db/schema";
import { getCurrentActor, requirePageActor } from "@/lib/auth/current-actor";

async function workspaceRow(workspaceId: string) {
  const db = await getDb();
  const [workspace] = await db
    .select({ id: workspaces.id, slug: workspaces.slug, name: workspaces.name })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId))
    .limit(1);
  return workspace;
}

/**
 * The caller's current workspace and their actor in it, or null when signed out (the layout then
 * renders its shell and leaves the redirect to the page). Cached per request.
 */
export const findCurrentWorkspace = cache(async () => {
  const db = await getDb();
  const actor = await getCurrentActor(db).catch(() => null);
  if (!actor) return null;
  const workspace = await workspaceRow(actor.workspaceId);
  return workspace ? { actor, workspace } : null;
});

/** For pages: the current workspace, or the sign-in page (coming back to `returnTo`) when signed out. */
export async function requireCurrentWorkspace(returnTo: string) {
  const actor = await requirePageActor(undefined, { returnTo });
  const workspace = await workspaceRow(actor.workspaceId);
  if (!workspace) notFound();
  return { actor, workspace };
}

/** The current workspace for pages and slots that need no return path (sign-in redirect when signed out). */
export const getCurrentWorkspace = cache(async () => requireCurrentWorkspace("/board"));
