import { env } from "@/env";
import type { Workspace, WorkspaceKind } from "@/db/schema";
import { sharedLimiter } from "@/lib/rate-limit/limiter";
import type { Actor } from "./actor";
import type { GuestIdentity } from "./guest";
import type { Permission } from "./permissions";

/**
 * Every rule of the public demo, in one place. The demo is a workspace of kind "demo" that anyone can
 * use without an account, as an anonymous animal (a guest); DEMO_MODE=off closes it to everyone.
 */
export const DEMO_SLUG = "demo";

export function demoEnabled(): boolean {
  return env().DEMO_MODE === "on";
}

/** Whether a workspace exists for callers at all: with DEMO_MODE=off the demo reads as unknown, to its own members and keys too. */
export function workspaceOpen(workspace: { kind: WorkspaceKind }): boolean {
  return workspace.kind !== "demo" || demoEnabled();
}

/** Signed-out visitors enter the demo workspace only, as guests. */
export function guestMayEnter(workspace: { kind: WorkspaceKind }): boolean {
  return workspace.kind === "demo" && demoEnabled();
}

/** A guest acts as a responder of the demo: they may change incidents and run drills, never administer. */
export function guestActor(workspace: Pick<Workspace, "id">, guest: GuestIdentity): Actor {
  return { kind: "guest", id: guest.id, name: guest.name, color: guest.color, workspaceId: workspace.id, role: "responder" };
}

export function guestMay(permission: Permission): boolean {
  return permission !== "workspace:admin";
}

/**
 * Which of a signed-in user's workspaces may be their current one when they name none: team
 * workspaces, and the demo only for its admins while it is open (everyone else visits it as a guest).
 */
export function mayBeCurrentWorkspace(workspace: { kind: WorkspaceKind; role: string }): boolean {
  return workspace.kind === "team" || (workspace.role === "admin" && demoEnabled());
}

/**
 * Demo writes are rate-limited per guest and per IP (DEMO_WRITE_LIMIT a minute, 429 with
 * Retry-After), so one visitor cannot flood the shared board. Members are never limited here.
 */
export function consumeDemoWrite(actor: Actor, ip: string, limit = env().DEMO_WRITE_LIMIT): void {
  if (actor.kind !== "guest") return;
  const message = "The demo allows a limited number of changes a minute. Wait a moment and try again.";
  sharedLimiter("demo-writes:guest", limit, 60_000).consume(actor.id ?? "unknown", 1, message);
  sharedLimiter("demo-writes:ip", limit, 60_000).consume(ip, 1, message);
}
