import { NextResponse } from "next/server";
import { demoEnabled } from "@/lib/auth";
import { newGuestIdentity } from "@/lib/auth";
import { guestCookie, readCredentials, requestCookies } from "@/lib/auth";

export const dynamic = "force-dynamic";

/** Gives a new demo visitor their anonymous animal (a signed cookie), then sends them on to the demo. */
export async function GET(request: Request) {
  const url = new URL(request.url);
  const next = url.searchParams.get("next") ?? "/demo";
  // Only paths inside the demo: never an open redirect.
  const target = /^\/demo(\/[\w\-/]*)?(\?[^#]*)?$/.test(next) ? next : "/demo";
  if (!demoEnabled()) return NextResponse.json({ error: "The demo is turned off on this server.", code: "not_found:demo" }, { status: 404 });
  const response = NextResponse.redirect(new URL(target, url.origin), 303);
  const { guest } = await readCredentials(requestCookies(request), request.headers);
  if (!guest) response.cookies.set(guestCookie(newGuestIdentity()));
  return response;
}
