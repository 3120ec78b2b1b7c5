import "server-only";
import { cache } from "react";
import { eq } from "drizzle-orm";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { workspaces } from "@/db/schema";
import { requirePageActor } from "@/lib/auth/current-actor";

/**
 * The signed-in caller's current workspace and their actor in it (sign-in redirect when signed
 * out). Cached per request, so the layout and the page resolve it once.
 */
export const getCurrentWorkspace = cache(async () => {
  const actor = await requirePageActor();
  const db = await getDb();
  const [workspace] = await db
    .select({ id: workspaces.id, slug: workspaces.slug, name: workspaces.name })
    .from(workspaces)
    .where(eq(workspaces.id, actor.workspaceId))
    .limit(1);
  if (!workspace) notFound();
  return { actor, workspace };
});
