import { env } from "@/lib/env";
import type { Database } from "@/db/client";
import type { Workspace } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { sharedLimiter } from "@/lib/rate-limit/limiter";
import { getMembership, getWorkspaceBySlug, listUserWorkspaces } from "@/lib/workspaces/queries";
import type { Actor } from "./actor";
import type { GuestIdentity } from "./guest";
import { getUserById } from "./users";

export type ActorContext = {
  /** The signed-in user's id, or null when signed out. */
  userId: string | null;
  /** The workspace asked for; when omitted, the caller's current one. */
  workspaceSlug?: string;
  /** The current-workspace cookie: which of the user's workspaces to use when no slug is given. */
  preferredSlug?: string;
  /** The demo visitor's identity (used only for the demo workspace, when nobody signed in is a member). */
  guest?: GuestIdentity | null;
  demoEnabled: boolean;
};

function guestActor(ws: Workspace, guest: GuestIdentity): Actor {
  return { kind: "guest", id: guest.id, name: guest.name, color: guest.color, workspaceId: ws.id, role: "responder" };
}

/**
 * Who is acting and with which role, from what the request carries. Signed out: a guest in the
 * demo workspace (when demo mode is on), otherwise 401. Signed in: the member's role, 403 for a
 * workspace they do not belong to (the demo excepted: there they are a guest like anyone else).
 */
export async function resolveActor(db: Database, ctx: ActorContext): Promise<Actor> {
  const user = ctx.userId ? await getUserById(db, ctx.userId) : undefined;
  if (ctx.workspaceSlug) {
    const found = await getWorkspaceBySlug(db, ctx.workspaceSlug);
    // DEMO_MODE=off closes the demo to everyone, its own members included: it reads as unknown.
    const ws = found?.kind === "demo" && !ctx.demoEnabled ? undefined : found;
    const demoGuest = ws?.kind === "demo" && ctx.demoEnabled && ctx.guest;
    if (user && ws) {
      const membership = await getMembership(db, { workspaceId: ws.id, userId: user.id });
      if (membership) return { kind: "user", id: user.id, name: user.name, workspaceId: ws.id, role: membership.role };
    }
    if (ws && demoGuest && ctx.guest) return guestActor(ws, ctx.guest);
    if (!user) throw new AppError("unauthorized:session", "Sign in to continue.");
    if (!ws) throw new AppError("not_found:workspace", "Workspace not found.");
    throw new AppError("forbidden:workspace", "You are not a member of this workspace.");
  }
  if (!user) throw new AppError("unauthorized:session", "Sign in to continue.");
  const mine = (await listUserWorkspaces(db, user.id)).filter((w) => w.kind === "team" || (w.role === "admin" && ctx.demoEnabled));
  if (mine.length === 0) throw new AppError("forbidden:no_workspace", "You do not belong to a workspace yet: create one or ask for an invite.");
  const pick = mine.find((w) => w.slug === ctx.preferredSlug) ?? mine[0];
  return { kind: "user", id: user.id, name: user.name, workspaceId: pick.id, role: pick.role };
}

/**
 * Demo writes are rate-limited per guest and per IP (DEMO_WRITE_LIMIT a minute, 429 with
 * Retry-After), so one visitor cannot flood the shared board.
 */
export function consumeDemoWrite(actor: Actor, ip: string, limit: number): void {
  if (actor.kind !== "guest") return;
  const message = "The demo allows a limited number of changes a minute. Wait a moment and try again.";
  sharedLimiter("demo-writes:guest", limit, 60_000).consume(actor.id ?? "unknown", 1, message);
  sharedLimiter("demo-writes:ip", limit, 60_000).consume(ip, 1, message);
}

/** The client's IP as the proxy in front reports it (first X-Forwarded-For hop), or "unknown". */
export function clientIp(headers: { get(name: string): string | null }): string {
  // Each trusted proxy appends the address it saw, so the client is the entry `hops` from the right;
  // anything further left was written by the client itself and could be forged.
  const chain = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  const hops = env().TRUST_PROXY_HOPS;
  const fromProxy = chain.length ? chain[Math.max(0, chain.length - hops)] : undefined;
  return fromProxy || headers.get("x-real-ip")?.trim() || "unknown";
}
