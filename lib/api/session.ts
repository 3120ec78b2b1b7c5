import "server-only";
import { NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { dataDir } from "@/db";
import { env } from "@/env";
import { GUEST_COOKIE, GUEST_COOKIE_MAX_AGE, signGuest, verifyGuest, type GuestIdentity } from "@/lib/auth";
import { authSecret } from "@/lib/auth";

/**
 * What a browser request carries: the next-auth session (read with next-auth's own token reader,
 * which also joins chunked cookies), the demo visitor's signed guest cookie, and the workspace the
 * user last chose. Who that makes the caller is decided in ./caller.ts.
 */

/** Cookie naming the caller's current workspace (a preference only: membership is checked every time). */
export const WORKSPACE_COOKIE = "fd_workspace";
export const WORKSPACE_COOKIE_MAX_AGE = 60 * 60 * 24 * 365;

export type CookieJar = { get(name: string): { value: string } | undefined; getAll(): { name: string; value: string }[] };

export type Credentials = {
  /** The signed-in user's id, or null when signed out. */
  userId: string | null;
  /** The demo visitor's identity; null when they have none yet. */
  guest: GuestIdentity | null;
  /** The current-workspace cookie. */
  preferredSlug?: string;
};

function secret(): string {
  return authSecret(dataDir());
}

/** The cookies of a plain Request, parsed by Next's own cookie parser (headers only: the body stays unread). */
export function requestCookies(request: Request): CookieJar {
  return new NextRequest(request.url, { headers: request.headers }).cookies;
}

export async function readCredentials(jar: CookieJar, headers: Headers): Promise<Credentials> {
  let userId: string | null = null;
  // next-auth names its cookie __Secure-… when the app is served over https; accept either.
  for (const secureCookie of [true, false]) {
    const token = await getToken({ req: { cookies: jar, headers } as unknown as TokenRequest, secret: secret(), secureCookie, logger: silent });
    if (typeof token?.sub === "string") {
      userId = token.sub;
      break;
    }
  }
  return { userId, guest: verifyGuest(jar.get(GUEST_COOKIE)?.value, secret()), preferredSlug: jar.get(WORKSPACE_COOKIE)?.value };
}

type TokenRequest = Parameters<typeof getToken>[0]["req"];
// An expired or foreign token is simply "signed out": nothing to log.
const silent = { error: () => {}, warn: () => {}, debug: () => {} };

/** The cookie that gives a new demo visitor their animal. */
export function guestCookie(identity: GuestIdentity) {
  return {
    name: GUEST_COOKIE,
    value: signGuest(identity, secret()),
    httpOnly: true,
    sameSite: "lax" as const,
    secure: (env().NEXTAUTH_URL ?? "").startsWith("https://"),
    path: "/",
    maxAge: GUEST_COOKIE_MAX_AGE,
  };
}

