import { and, eq, sql } from "drizzle-orm";
import { notificationRules } from "@/db/schema";
import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/shared";
import { parseInput, toResult, type Result } from "@/lib/result";
import { assertUser } from "./inbox";
import { defaultChannels, notificationEventOptions, rulesInputSchema, type NotificationChannelName, type RuleView } from "./shared";

/** The caller's channel per event (their rule, or the default). */
export async function getRules(db: Database, actor: Actor): Promise<RuleView[]> {
  const userId = assertUser(actor);
  const rows = await db
    .select()
    .from(notificationRules)
    .where(and(eq(notificationRules.workspaceId, actor.workspaceId), eq(notificationRules.userId, userId)));
  const byEvent = new Map(rows.map((r) => [r.event, r.channels as NotificationChannelName[]]));
  return notificationEventOptions.map((event) => ({ event, channels: byEvent.get(event) ?? defaultChannels[event], custom: byEvent.has(event) }));
}

/** Replaces the caller's rules for the events given (others keep theirs). */
export async function setRules(db: Database, actor: Actor, input: unknown): Promise<Result<RuleView[]>> {
  return toResult({ op: "notifications.setRules", actor }, async () => {
    const userId = assertUser(actor);
    const { rules } = parseInput(rulesInputSchema, input);
    await db.transaction(async (tx) => {
      for (const r of rules) {
        await tx
          .insert(notificationRules)
          .values({ workspaceId: actor.workspaceId, userId, event: r.event, channels: [...new Set(r.channels)] })
          .onConflictDoUpdate({
            target: [notificationRules.workspaceId, notificationRules.userId, notificationRules.event],
            set: { channels: sql`excluded.channels`, updatedAt: new Date() },
          });
      }
    });
    return getRules(db, actor);
  });
}
