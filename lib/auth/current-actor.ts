import "server-only";
import { eq } from "drizzle-orm";
import { workspaces } from "@/db/schema";
import type { Database } from "@/db/client";
import { DEFAULT_WORKSPACE } from "@/db/seed";
import type { Actor } from "./actor";

/**
 * The actor of a browser session. Until sign-in lands (issue 3) this is the local operator, an admin
 * of the default workspace; the auth issue replaces this module with next-auth sessions and roles.
 */
export async function getCurrentActor(db: Database): Promise<Actor> {
  const [ws] = await db.select().from(workspaces).where(eq(workspaces.slug, DEFAULT_WORKSPACE.slug)).limit(1);
  if (!ws) throw new Error("The default workspace is missing");
  return { kind: "user", id: "local-operator", name: "Local operator", workspaceId: ws.id, role: "admin" };
}

/** The session actor for a REST request carrying cookies (null when there is no session). */
export async function getSessionActorForRequest(db: Database, _request: Request): Promise<Actor | null> {
  return getCurrentActor(db);
}
