import "server-only";
import { timingSafeEqual } from "node:crypto";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { getDb } from "@/db";
import type { Database } from "@/db/client";
import type { Workspace } from "@/db/schema";
import { env } from "@/env";
import { AppError, isAppError } from "@/lib/errors";
import { getMembership, getWorkspaceById, getWorkspaceBySlug, listUserWorkspaces, type UserWorkspace } from "@/lib/workspaces";
import type { Actor } from "@/lib/auth/shared";
import { authenticateApiKey } from "@/lib/auth";
import { consumeDemoWrite, DEMO_SLUG, demoEnabled, guestActor, guestMayEnter, mayBeCurrentWorkspace, workspaceOpen } from "@/lib/auth";
import { newGuestIdentity } from "@/lib/auth";
import { assertSameOrigin } from "./origin";
import { assertCan, type Permission } from "@/lib/auth";
import { clientIp } from "@/lib/auth";
import { guestCookie, readCredentials, requestCookies, type Credentials } from "./session";
import { getUserById, type PublicUser } from "@/lib/auth";

/**
 * Who is calling, answered in one place. Every page, server action, REST route, realtime channel
 * and cron route asks this module; it turns what the request presents (an API key, a next-auth
 * session, a demo guest cookie, the cron secret) into an Actor in one workspace, with the demo's
 * rules from ./demo-policy.ts.
 */
export type WorkspaceRef = Pick<Workspace, "id" | "slug" | "name" | "kind">;
export type Caller = { actor: Actor; workspace: WorkspaceRef };

function ref(ws: Workspace): WorkspaceRef {
  return { id: ws.id, slug: ws.slug, name: ws.name, kind: ws.kind };
}

/**
 * The core: who acts, and with which role, given credentials and the workspace asked for (by slug;
 * the caller's current one when omitted). Signed out: a guest in the demo workspace (when the demo is
 * open and the visitor has a guest identity), otherwise 401. Signed in: the member's role; 403 for
 * a workspace they do not belong to (the demo excepted: there they are a guest like anyone else).
 */
export async function resolveCaller(db: Database, credentials: Credentials, target: { workspaceSlug?: string } = {}): Promise<Caller> {
  const user = credentials.userId ? await getUserById(db, credentials.userId) : undefined;
  if (target.workspaceSlug) {
    const found = await getWorkspaceBySlug(db, target.workspaceSlug);
    const ws = found && workspaceOpen(found) ? found : undefined;
    if (user && ws) {
      const membership = await getMembership(db, { workspaceId: ws.id, userId: user.id });
      if (membership) return { actor: { kind: "user", id: user.id, name: user.name, workspaceId: ws.id, role: membership.role }, workspace: ref(ws) };
    }
    if (ws && credentials.guest && guestMayEnter(ws)) return { actor: guestActor(ws, credentials.guest), workspace: ref(ws) };
    if (!user) throw new AppError("unauthorized:session", "Sign in to continue.");
    if (!ws) throw new AppError("not_found:workspace", "Workspace not found.");
    throw new AppError("forbidden:workspace", "You are not a member of this workspace.");
  }
  if (!user) throw new AppError("unauthorized:session", "Sign in to continue.");
  const mine = (await listUserWorkspaces(db, user.id)).filter(mayBeCurrentWorkspace);
  if (mine.length === 0) throw new AppError("forbidden:no_workspace", "You do not belong to a workspace yet: create one or ask for an invite.");
  const pick = mine.find((w) => w.slug === credentials.preferredSlug) ?? mine[0];
  return {
    actor: { kind: "user", id: user.id, name: user.name, workspaceId: pick.id, role: pick.role },
    workspace: { id: pick.id, slug: pick.slug, name: pick.name, kind: pick.kind },
  };
}

/** The key a machine presented: `Authorization: Bearer <key>` or `X-API-Key: <key>`. */
export function presentedApiKey(request: Request): string | undefined {
  const auth = request.headers.get("authorization");
  if (auth) {
    const match = /^Bearer\s+(.+)$/i.exec(auth.trim());
    if (match) return match[1].trim();
  }
  return request.headers.get("x-api-key")?.trim() || undefined;
}

function isWrite(method: string): boolean {
  return !["GET", "HEAD", "OPTIONS"].includes(method.toUpperCase());
}

/**
 * Route handlers (REST, streams, realtime): an API key, else the browser session, allowed to do
 * `permission`. The workspace is the `workspaceSlug` given (from the path), else `?workspace=` or the
 * X-Firedrill-Workspace header, else the key's own or the session's current one. Cookie-authenticated
 * writes must come from our own pages (CSRF), and a demo guest's writes count against the demo's
 * budget (`demoWrite: false` for POSTs that change no workspace data, such as presence). `apiKey` passes a key found elsewhere (PagerDuty's routing_key). 401 without credentials,
 * 403 for the wrong role or scope or another workspace.
 */
export async function requestCaller(
  db: Database,
  request: Request,
  options: { permission: Permission; workspaceSlug?: string; apiKey?: string; demoWrite?: boolean },
): Promise<Caller> {
  const url = new URL(request.url);
  const slug = options.workspaceSlug ?? url.searchParams.get("workspace") ?? request.headers.get("x-firedrill-workspace") ?? undefined;
  const key = options.apiKey ?? presentedApiKey(request);
  let caller: Caller;
  if (key) {
    const actor = await authenticateApiKey(db, key);
    const ws = await getWorkspaceById(db, actor.workspaceId);
    if (!ws) throw new AppError("unauthorized:api_key", "The API key is not valid or has been revoked.");
    if (slug && slug.toLowerCase() !== ws.slug) throw new AppError("forbidden:workspace", "This API key belongs to another workspace.");
    caller = { actor, workspace: ref(ws) };
  } else {
    const credentials = await readCredentials(requestCookies(request), request.headers);
    if (!credentials.userId && !(credentials.guest && slug?.toLowerCase() === DEMO_SLUG)) {
      throw new AppError("unauthorized:api_key", "Authentication required: send `Authorization: Bearer <api key>`.");
    }
    if (isWrite(request.method)) assertSameOrigin(request);
    caller = await resolveCaller(db, credentials, { workspaceSlug: slug });
    if (isWrite(request.method) && options.demoWrite !== false) consumeDemoWrite(caller.actor, clientIp(request.headers));
  }
  assertCan(caller.actor, options.permission);
  return caller;
}

/**
 * Server actions: the browser session in a workspace (by slug; the current one when omitted). A
 * first-time demo visitor gets their guest cookie here; a guest's writes count against the demo's
 * budget (actions that only read pass intent "read").
 */
export async function actionCaller(db: Database, options: { workspaceSlug?: string; intent?: "read" | "write" } = {}): Promise<Caller> {
  const jar = await cookies();
  const h = await headers();
  const credentials = await readCredentials(jar, h);
  const isDemo = options.workspaceSlug?.toLowerCase() === DEMO_SLUG;
  // Anyone who is not a member of the demo uses it as a guest, signed in or not.
  if (isDemo && demoEnabled() && !credentials.guest) {
    credentials.guest = newGuestIdentity();
    jar.set(guestCookie(credentials.guest));
  }
  const caller = await resolveCaller(db, credentials, { workspaceSlug: options.workspaceSlug });
  if (options.intent !== "read") consumeDemoWrite(caller.actor, clientIp(h));
  return caller;
}

/**
 * Pages and layouts: the caller, or where to go instead: /sign-in when signed out (coming back to
 * `returnTo`), /new-workspace when the user belongs to none, 404 for a workspace they cannot see (a
 * closed demo included) and, with `admin`, for anyone but an admin. A first-time demo visitor is
 * sent through /api/auth/demo-guest, which sets their animal and sends them straight back, so their
 * name is the same on every render and to everyone else.
 */
export async function pageCaller(options: { workspaceSlug?: string; returnTo: string; admin?: boolean }): Promise<Caller> {
  const isDemo = options.workspaceSlug?.toLowerCase() === DEMO_SLUG;
  if (isDemo && !demoEnabled()) notFound();
  const db = await getDb();
  const credentials = await readCredentials(await cookies(), await headers());
  if (isDemo && !credentials.guest) {
    // Members of the demo need no animal; everyone else gets one first (a page cannot set cookies).
    const member = credentials.userId ? await resolveCaller(db, credentials, { workspaceSlug: DEMO_SLUG }).catch(() => null) : null;
    if (!member) redirect(`/api/auth/demo-guest?next=${encodeURIComponent(options.returnTo)}`);
    return member;
  }
  let caller: Caller;
  try {
    caller = await resolveCaller(db, credentials, { workspaceSlug: options.workspaceSlug });
  } catch (e) {
    if (!isAppError(e)) throw e;
    if (e.code === "unauthorized:session") redirect(`/sign-in?callbackUrl=${encodeURIComponent(options.returnTo)}`);
    if (e.code === "forbidden:no_workspace") redirect("/new-workspace");
    if (e.code === "forbidden:workspace" || e.code === "not_found:workspace") notFound();
    throw e;
  }
  if (options.admin && (caller.actor.role !== "admin" || caller.actor.kind !== "user")) notFound();
  return caller;
}

/**
 * For the chrome around pages (header, user menu, live updates): the caller in a workspace, or null
 * when there is none. Cached per request, so a layout and its page ask once.
 */
export const currentCaller = cache(async (workspaceSlug?: string): Promise<Caller | null> => {
  const credentials = await readCredentials(await cookies(), await headers());
  return resolveCaller(await getDb(), credentials, { workspaceSlug }).catch(() => null);
});

/** The signed-in user (null when signed out or the account no longer exists). */
export const sessionUser = cache(async (): Promise<PublicUser | null> => {
  const { userId } = await readCredentials(await cookies(), await headers());
  if (!userId) return null;
  const user = await getUserById(await getDb(), userId);
  return user ? { id: user.id, email: user.email, name: user.name, image: user.image } : null;
});

/** The signed-in user's workspaces (empty when signed out). */
export async function sessionWorkspaces(): Promise<UserWorkspace[]> {
  const user = await sessionUser();
  return user ? listUserWorkspaces(await getDb(), user.id) : [];
}

/**
 * Is a caller of an open stream still allowed in? Membership can end while a stream stays open
 * (removed by an admin, demo turned off); long-lived streams ask this at every heartbeat.
 */
export async function stillAllowed(db: Database, caller: Caller): Promise<boolean> {
  const { actor, workspace } = caller;
  if (!workspaceOpen(workspace)) return false;
  if (actor.kind === "guest") return guestMayEnter(workspace);
  if (actor.kind !== "user" || !actor.id) return false;
  return Boolean(await getMembership(db, { workspaceId: workspace.id, userId: actor.id }));
}

/**
 * Cron routes are called by Vercel Cron or any scheduler with `Authorization: Bearer $CRON_SECRET`;
 * the jobs then act as the system in each workspace. Without CRON_SECRET the routes are closed (the
 * in-process scheduler does the work).
 */
export function assertCronCaller(request: Request): void {
  const secret = env().CRON_SECRET;
  if (!secret) throw new AppError("forbidden:cron", "Cron routes are disabled: set CRON_SECRET to enable them.");
  const presented = /^Bearer\s+(.+)$/i.exec(request.headers.get("authorization") ?? "")?.[1] ?? "";
  const a = Buffer.from(presented);
  const b = Buffer.from(secret);
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw new AppError("unauthorized:cron", "Invalid cron secret.");
}
