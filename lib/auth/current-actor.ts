import "server-only";
import { eq } from "drizzle-orm";
import { workspaces } from "@/db/schema";
import type { Database } from "@/db/client";
import { DEFAULT_WORKSPACE } from "@/db/seed";
import { AppError } from "@/lib/errors";
import type { Actor } from "./actor";

/**
 * The actor of the browser session in a workspace (by slug; the caller's current workspace when
 * omitted). Until sign-in lands (issue 3) this is the local operator, an admin of every workspace;
 * the auth issue replaces the body with next-auth sessions, memberships and demo guests.
 */
export async function getCurrentActor(db: Database, options: { workspaceSlug?: string } = {}): Promise<Actor> {
  const slug = options.workspaceSlug ?? DEFAULT_WORKSPACE.slug;
  const [ws] = await db.select().from(workspaces).where(eq(workspaces.slug, slug)).limit(1);
  if (!ws) throw new AppError("not_found:workspace", "Workspace not found.");
  return { kind: "user", id: "local-operator", name: "Local operator", workspaceId: ws.id, role: "admin" };
}

/** The session actor for a REST request carrying cookies (null when there is no session). */
export async function getSessionActorForRequest(db: Database, _request: Request): Promise<Actor | null> {
  return getCurrentActor(db);
}
