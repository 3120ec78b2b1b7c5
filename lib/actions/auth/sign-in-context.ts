import "server-only";
import { cookies } from "next/headers";
import { WORKSPACE_COOKIE } from "@/lib/auth/current-actor";

/** Remembers the workspace the user is working in (a preference: membership is checked on every request). */
export async function rememberWorkspace(slug: string): Promise<void> {
  (await cookies()).set(WORKSPACE_COOKIE, slug, { httpOnly: true, sameSite: "lax", path: "/", maxAge: 60 * 60 * 24 * 365 });
}
