import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { workspaces, type Workspace } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { getMembership } from "@/lib/workspaces/queries";

/**
 * May this actor receive the workspace's realtime messages and presence? Members of the workspace
 * (any role) may; guests only in a demo workspace; nobody else, whatever the session resolver says.
 */
export function assertChannelAccess(actor: Actor, workspace: Pick<Workspace, "id" | "kind">): void {
  if (actor.workspaceId !== workspace.id) {
    throw new AppError("forbidden:channel", "You are not a member of this workspace.");
  }
  if (actor.kind === "guest" && workspace.kind !== "demo") {
    throw new AppError("forbidden:channel", "Guests may only follow the demo workspace.");
  }
  if (!can(actor, "incident:read")) {
    throw new AppError("forbidden:channel", "Your role cannot read this workspace.");
  }
}

/** Resolves the browser's actor in a workspace (by slug or id) and checks channel access: 401/403/404. */
export async function authorizeWorkspace(db: Database, ref: { slug: string } | { id: string }): Promise<{ actor: Actor; workspace: Workspace }> {
  const [workspace] = await db
    .select()
    .from(workspaces)
    .where("slug" in ref ? eq(workspaces.slug, ref.slug) : eq(workspaces.id, ref.id))
    .limit(1);
  if (!workspace) {
    // An unknown id is answered like a foreign one, so channel names cannot be probed.
    if ("id" in ref) throw new AppError("forbidden:channel", "You are not a member of this workspace.");
    throw new AppError("not_found:workspace", "Workspace not found.");
  }
  const actor = await getCurrentActor(db, { workspaceSlug: workspace.slug });
  assertChannelAccess(actor, workspace);
  return { actor, workspace };
}

/**
 * Is the actor of an open stream still allowed in? Membership can end while a stream stays open
 * (removed by an admin, demo turned off); the SSE stream asks this at every heartbeat.
 */
export async function stillAllowed(db: Database, actor: Actor, workspace: Pick<Workspace, "id" | "kind">): Promise<boolean> {
  if (actor.kind === "guest") return workspace.kind === "demo" && env().DEMO_MODE === "on";
  if (actor.kind !== "user" || !actor.id) return false;
  if (workspace.kind === "demo" && env().DEMO_MODE !== "on") return false;
  return Boolean(await getMembership(db, { workspaceId: workspace.id, userId: actor.id }));
}

/** Presence identity: one entry per person, however many tabs they have open. */
export function memberOf(actor: Actor): { memberId: string; kind: string; name: string; color: string | null } {
  return { memberId: `${actor.kind}:${actor.id ?? "system"}`, kind: actor.kind, name: actor.name, color: actor.color ?? null };
}
