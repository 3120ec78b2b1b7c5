import { NextResponse } from "next/server";
import { demoEnabled, guestCookie, readGuestIdentity } from "@/lib/auth/current-actor";
import { newGuestIdentity } from "@/lib/auth/guest";
import { publicUrl } from "@/lib/auth/public-url";
import { methodNotAllowed } from "@/lib/api/http";

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
  if (!demoEnabled()) return new NextResponse("The demo is turned off on this server.", { status: 404 });
  const response = NextResponse.redirect(publicUrl(request, target), 303);
  if (!(await readGuestIdentity())) response.cookies.set(guestCookie(newGuestIdentity()));
  return response;
}

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET", "HEAD");
