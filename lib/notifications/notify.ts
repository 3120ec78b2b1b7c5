import { and, eq, inArray } from "drizzle-orm";
import { notificationDeliveries, notificationRules, notifications, users, webhooks, type NotificationEvent } from "@/db/schema";
import type { Database } from "@/db/client";
import { appUrl, env } from "@/env";
import { channelSender } from "./senders";
import { defaultChannels, type NotificationChannelName, type WebhookEventName } from "./shared";

export type NotifyInput = {
  userIds: string[];
  event: NotificationEvent;
  title: string;
  body?: string;
  incidentId?: string | null;
};

/**
 * Tells users about an event, inside the caller's transaction: an inbox row per user whose rules ask
 * for the inbox, and a queued delivery per outbound channel (email, Slack when connected). Nothing
 * here talks to the network: the delivery job does, so a channel's failure never blocks the write.
 * Returns the users who got an inbox row (the caller publishes `notification.created` after commit).
 */
export async function notifyUsers(tx: Database, workspaceId: string, input: NotifyInput): Promise<string[]> {
  const userIds = [...new Set(input.userIds)];
  if (userIds.length === 0) return [];
  const [rules, people] = await Promise.all([
    tx
      .select()
      .from(notificationRules)
      .where(and(eq(notificationRules.workspaceId, workspaceId), inArray(notificationRules.userId, userIds), eq(notificationRules.event, input.event))),
    tx.select({ id: users.id, email: users.email }).from(users).where(inArray(users.id, userIds)),
  ]);
  const ruleOf = new Map(rules.map((r) => [r.userId, r.channels as NotificationChannelName[]]));
  const emailOf = new Map(people.map((p) => [p.id, p.email]));
  const inboxed: string[] = [];
  const link = input.incidentId ? `${appUrl()}/incidents/${input.incidentId}` : appUrl();
  for (const userId of userIds) {
    const channels = ruleOf.get(userId) ?? defaultChannels[input.event];
    if (channels.includes("inbox")) {
      await tx.insert(notifications).values({
        workspaceId,
        userId,
        event: input.event,
        title: input.title.slice(0, 300),
        body: (input.body ?? "").slice(0, 2000),
        incidentId: input.incidentId ?? null,
      });
      inboxed.push(userId);
    }
    const payload = { title: input.title, body: input.body ?? "", link, incident_id: input.incidentId ?? null, event: input.event };
    const email = emailOf.get(userId);
    if (channels.includes("email") && email && env().SMTP_URL) {
      await tx.insert(notificationDeliveries).values({ workspaceId, channel: "email", userId, target: email, event: input.event, payload });
    }
    if (channels.includes("slack") && channelSender("slack")) {
      await tx.insert(notificationDeliveries).values({ workspaceId, channel: "slack", userId, target: userId, event: input.event, payload });
    }
  }
  return inboxed;
}

/** Queues the event for every enabled webhook of the workspace that subscribes to it. */
export async function emitWebhookEvent(tx: Database, workspaceId: string, type: WebhookEventName, data: Record<string, unknown>): Promise<number> {
  const hooks = await tx.select().from(webhooks).where(and(eq(webhooks.workspaceId, workspaceId), eq(webhooks.enabled, true)));
  const targets = hooks.filter((h) => h.events.length === 0 || h.events.includes(type));
  for (const h of targets) {
    const [row] = await tx
      .insert(notificationDeliveries)
      .values({ workspaceId, channel: "webhook", webhookId: h.id, target: h.url, event: type, payload: {} })
      .returning({ id: notificationDeliveries.id, createdAt: notificationDeliveries.createdAt });
    // The document carries its own delivery id, so a receiver can de-duplicate retries.
    await tx
      .update(notificationDeliveries)
      .set({ payload: { id: row.id, type, created_at: row.createdAt.toISOString(), workspace_id: workspaceId, data } })
      .where(eq(notificationDeliveries.id, row.id));
  }
  return targets.length;
}
