import NextAuth from "next-auth";
import { getAuthOptions } from "@/lib/auth/auth-options";
import { throttledSignIn } from "@/lib/auth/sign-in-throttle";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ nextauth: string[] }> };

// Built per request from lazily created options, so `next build` never touches the secret. A
// throttled credentials sign-in is a 429 with Retry-After, answered before next-auth (whose answer
// would be a 401).
async function handler(request: Request, context: Context) {
  return (await throttledSignIn(request)) ?? NextAuth(getAuthOptions())(request, context);
}

export { handler as GET, handler as POST };
