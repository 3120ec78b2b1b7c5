import { NextResponse } from "next/server";
import { demoEnabled, guestCookie, readGuestIdentity } from "@/lib/auth/current-actor";
import { newGuestIdentity } from "@/lib/auth/guest";

export const dynamic = "force-dynamic";

/** Gives a new demo visitor their anonymous animal (a signed cookie), then sends them on to the demo. */
export async function GET(request: Request) {
  const url = new URL(request.url);
  const next = url.searchParams.get("next") ?? "/demo";
  // Only paths inside the demo: never an open redirect.
  const target = /^\/demo(\/[\w\-/]*)?(\?[^#]*)?$/.test(next) ? next : "/demo";
  if (!demoEnabled()) return new NextResponse("The demo is turned off on this server.", { status: 404 });
  const response = NextResponse.redirect(new URL(target, url.origin), 303);
  if (!(await readGuestIdentity())) response.cookies.set(guestCookie(newGuestIdentity()));
  return response;
}
