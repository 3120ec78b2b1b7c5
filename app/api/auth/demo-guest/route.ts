import { NextResponse } from "next/server";
import { json, methodNotAllowed } from "@/lib/api/http";
import { demoEnabled, newGuestIdentity } from "@/lib/auth";
import { guestCookie, readCredentials, requestCookies } from "@/lib/api/session";
import { publicUrl } from "@/lib/api/public-url";

export const dynamic = "force-dynamic";

/**
 * Gives a new demo visitor their anonymous animal (a signed cookie), then sends them on to the demo
 * at the public URL (NEXTAUTH_URL, else the host they used), never at the address the server listens on.
 */
export async function GET(request: Request) {
  const url = new URL(request.url);
  const next = url.searchParams.get("next") ?? "/demo";
  // Only paths inside the demo: never an open redirect.
  const target = /^\/demo(\/[\w\-/]*)?(\?[^#]*)?$/.test(next) ? next : "/demo";
  if (!demoEnabled()) return json({ error: "The demo is turned off on this server.", code: "not_found:demo" }, 404);
  const response = NextResponse.redirect(publicUrl(request, target), 303);
  const { guest } = await readCredentials(requestCookies(request), request.headers);
  if (!guest) response.cookies.set(guestCookie(newGuestIdentity()));
  return response;
}

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET", "HEAD");
