import NextAuth from "next-auth";
import { getAuthOptions } from "@/lib/api/next-auth";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ nextauth: string[] }> };

// Built per request from lazily created options, so `next build` never touches the secret.
async function handler(request: Request, context: Context) {
  return NextAuth(getAuthOptions())(request, context);
}

export { handler as GET, handler as POST };
