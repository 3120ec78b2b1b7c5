import { encode } from "next-auth/jwt";
import type { Database } from "@/db/client";
import { resetEnvCache } from "@/env";
import type { Actor } from "./actor";
import { resolveCaller } from "@/lib/api/caller";
import type { GuestIdentity } from "./guest";

/**
 * Test helpers for "who is calling": a real next-auth session cookie for a user, and the resolver
 * driven with explicit credentials and demo mode.
 */
export async function sessionCookie(userId: string, secret: string, name = "Test user"): Promise<string> {
  return `next-auth.session-token=${await encode({ token: { sub: userId, name }, secret })}`;
}

export async function resolveTestActor(
  db: Database,
  ctx: { userId: string | null; workspaceSlug?: string; preferredSlug?: string; guest?: GuestIdentity | null; demoEnabled: boolean },
): Promise<Actor> {
  process.env.DEMO_MODE = ctx.demoEnabled ? "on" : "off";
  resetEnvCache();
  try {
    const caller = await resolveCaller(db, { userId: ctx.userId, guest: ctx.guest ?? null, preferredSlug: ctx.preferredSlug }, { workspaceSlug: ctx.workspaceSlug });
    return caller.actor;
  } finally {
    delete process.env.DEMO_MODE;
    resetEnvCache();
  }
}
