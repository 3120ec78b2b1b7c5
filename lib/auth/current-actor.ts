import "server-only";
import { cookies, headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { decode } from "next-auth/jwt";
import type { Database } from "@/db/client";
import { dataDir, getDb } from "@/db";
import { env } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { listUserWorkspaces, type UserWorkspace } from "@/lib/workspaces/queries";
import type { Actor } from "./actor";
import { GUEST_COOKIE, GUEST_COOKIE_MAX_AGE, newGuestIdentity, signGuest, verifyGuest, type GuestIdentity } from "./guest";
import { assertSameOrigin } from "./origin";
import { clientIp, consumeDemoWrite, resolveActor } from "./resolve-actor";
import { authSecret } from "./secret";
import { getUserById, type PublicUser } from "./users";

/** Cookie naming the caller's current workspace (a preference only: membership is checked every time). */
export const WORKSPACE_COOKIE = "fd_workspace";
export const DEMO_SLUG = "demo";

const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

type CookieReader = { get(name: string): { value: string } | undefined; getAll(): { name: string; value: string }[] };

function secret(): string {
  return authSecret(dataDir());
}

export function demoEnabled(): boolean {
  return env().DEMO_MODE === "on";
}

/** The raw session token, joining next-auth's chunked cookies (name.0, name.1, …) when present. */
function sessionToken(jar: CookieReader): string | undefined {
  for (const name of SESSION_COOKIES) {
    const whole = jar.get(name)?.value;
    if (whole) return whole;
    const chunks = jar
      .getAll()
      .filter((c) => c.name.startsWith(`${name}.`))
      .sort((a, b) => Number(a.name.slice(name.length + 1)) - Number(b.name.slice(name.length + 1)));
    if (chunks.length) return chunks.map((c) => c.value).join("");
  }
  return undefined;
}

async function sessionUserId(jar: CookieReader): Promise<string | null> {
  const token = sessionToken(jar);
  if (!token) return null;
  try {
    const payload = await decode({ token, secret: secret() });
    return typeof payload?.sub === "string" ? payload.sub : null;
  } catch {
    // Expired, or signed with another secret: signed out.
    return null;
  }
}

function parseCookieHeader(header: string | null): CookieReader {
  const all = (header ?? "")
    .split(";")
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const i = part.indexOf("=");
      const name = i < 0 ? part : part.slice(0, i);
      let value = i < 0 ? "" : part.slice(i + 1);
      try {
        value = decodeURIComponent(value);
      } catch {
        // Keep the raw value.
      }
      return { name, value };
    });
  return { get: (name) => all.find((c) => c.name === name), getAll: () => all };
}

function guestCookieOptions() {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    secure: (env().NEXTAUTH_URL ?? "").startsWith("https://"),
    path: "/",
    maxAge: GUEST_COOKIE_MAX_AGE,
  };
}

/** The demo visitor's identity from the signed cookie, or null. */
export async function readGuestIdentity(): Promise<GuestIdentity | null> {
  return verifyGuest((await cookies()).get(GUEST_COOKIE)?.value, secret());
}

/** The cookie that gives a new demo visitor their animal (set by the guest route and by server actions). */
export function guestCookie(identity: GuestIdentity) {
  return { name: GUEST_COOKIE, value: signGuest(identity, secret()), ...guestCookieOptions() };
}

/**
 * The actor of the browser session in a workspace (by slug; the caller's current workspace when
 * omitted). Throws unauthorized:session when signed out, forbidden:workspace for a workspace the
 * user is not a member of. In the demo workspace (DEMO_MODE on) a signed-out visitor is a guest.
 * In a server action, a guest's call counts against the demo write limit (server actions that only
 * read pass `intent: "read"`).
 */
export async function getCurrentActor(db: Database, options: { workspaceSlug?: string; intent?: "read" | "write" } = {}): Promise<Actor> {
  const jar = await cookies();
  const userId = await sessionUserId(jar);
  const isDemo = options.workspaceSlug?.toLowerCase() === DEMO_SLUG;
  let guest: GuestIdentity | null = null;
  let freshGuest = false;
  if (isDemo && demoEnabled()) {
    guest = verifyGuest(jar.get(GUEST_COOKIE)?.value, secret());
    if (!guest) {
      guest = newGuestIdentity();
      freshGuest = true;
    }
  }
  const actor = await resolveActor(db, {
    userId,
    workspaceSlug: options.workspaceSlug,
    preferredSlug: jar.get(WORKSPACE_COOKIE)?.value,
    guest,
    demoEnabled: demoEnabled(),
  });
  if (actor.kind === "guest") {
    const h = await headers();
    const isServerAction = h.has("next-action");
    if (freshGuest && guest) {
      try {
        // Works in server actions and route handlers; a page render cannot set cookies (the demo
        // pages send new visitors through /api/auth/demo-guest first, so this is rare).
        jar.set(guestCookie(guest));
      } catch {
        // Rendering: the identity lives for this request only.
      }
    }
    if (isServerAction && options.intent !== "read") consumeDemoWrite(actor, clientIp(h), env().DEMO_WRITE_LIMIT);
  }
  return actor;
}

/**
 * The session actor of a REST request that carries cookies (null when it carries no session and
 * no demo guest). The workspace is `?workspace=<slug>` or the X-Firedrill-Workspace header, else
 * the current-workspace cookie. Non-GET requests must come from our own origin (CSRF).
 */
export async function getSessionActorForRequest(db: Database, request: Request): Promise<Actor | null> {
  const jar = parseCookieHeader(request.headers.get("cookie"));
  const userId = await sessionUserId(jar);
  const url = new URL(request.url);
  const workspaceSlug = url.searchParams.get("workspace") ?? request.headers.get("x-firedrill-workspace") ?? undefined;
  const guest = workspaceSlug?.toLowerCase() === DEMO_SLUG && demoEnabled() ? verifyGuest(jar.get(GUEST_COOKIE)?.value, secret()) : null;
  if (!userId && !guest) return null;
  const isWrite = !["GET", "HEAD", "OPTIONS"].includes(request.method.toUpperCase());
  if (isWrite) assertSameOrigin(request);
  const actor = await resolveActor(db, { userId, workspaceSlug, preferredSlug: jar.get(WORKSPACE_COOKIE)?.value, guest, demoEnabled: demoEnabled() });
  if (isWrite) consumeDemoWrite(actor, clientIp(request.headers), env().DEMO_WRITE_LIMIT);
  return actor;
}

/**
 * For demo pages: 404 when demo mode is off; a first-time visitor is sent through
 * /api/auth/demo-guest (which sets their signed animal cookie) and straight back to `returnTo`,
 * so their name is the same on every render and to everyone else.
 */
export async function requireDemoVisitor(returnTo: string): Promise<Actor> {
  if (!demoEnabled()) notFound();
  const db = await getDb();
  const jar = await cookies();
  if (!verifyGuest(jar.get(GUEST_COOKIE)?.value, secret())) {
    const actor = await getCurrentActor(db, { workspaceSlug: DEMO_SLUG });
    if (actor.kind === "guest") redirect(`/api/auth/demo-guest?next=${encodeURIComponent(returnTo)}`);
    return actor;
  }
  return getCurrentActor(db, { workspaceSlug: DEMO_SLUG });
}

/** The signed-in user (null when signed out or the account no longer exists). */
export async function getSessionUser(db?: Database): Promise<PublicUser | null> {
  const userId = await sessionUserId(await cookies());
  if (!userId) return null;
  const user = await getUserById(db ?? (await getDb()), userId);
  return user ? { id: user.id, email: user.email, name: user.name, image: user.image } : null;
}

/** The slug in the current-workspace cookie (a preference; may be stale). */
export async function getCurrentWorkspaceSlug(): Promise<string | undefined> {
  return (await cookies()).get(WORKSPACE_COOKIE)?.value;
}

/** The signed-in user's workspaces (empty when signed out). */
export async function listMyWorkspaces(db?: Database): Promise<UserWorkspace[]> {
  const user = await getSessionUser(db);
  if (!user) return [];
  return listUserWorkspaces(db ?? (await getDb()), user.id);
}

/**
 * For pages: the actor, or a redirect — to /sign-in when signed out (coming back to `returnTo`),
 * to /new-workspace when the user belongs to none; 404 for a workspace they cannot see or a
 * disabled demo.
 */
export async function requirePageActor(workspaceSlug?: string, options: { returnTo?: string } = {}): Promise<Actor> {
  if (workspaceSlug?.toLowerCase() === DEMO_SLUG && !demoEnabled()) notFound();
  const db = await getDb();
  try {
    return await getCurrentActor(db, { workspaceSlug });
  } catch (e) {
    if (!isAppError(e)) throw e;
    if (e.code === "unauthorized:session") {
      redirect(options.returnTo ? `/sign-in?callbackUrl=${encodeURIComponent(options.returnTo)}` : "/sign-in");
    }
    if (e.code === "forbidden:no_workspace") redirect("/new-workspace");
    if (e.code === "forbidden:workspace" || e.code === "not_found:workspace") notFound();
    throw e;
  }
}

/** For admin pages: the actor when they are an admin of the workspace, else 404 (nothing to see). */
export async function requireAdminPageActor(workspaceSlug?: string, options: { returnTo?: string } = {}): Promise<Actor> {
  const actor = await requirePageActor(workspaceSlug, options);
  if (actor.role !== "admin" || actor.kind !== "user") notFound();
  return actor;
}
