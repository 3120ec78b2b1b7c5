import { randomBytes } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import { notificationDeliveries, webhooks, type NotificationDelivery, type Webhook } from "@/db/schema";
import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/shared";
import { assertCan } from "@/lib/auth";
import { recordAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import { parseInput, toResult, type Result } from "@/lib/result";
import { webhookInputSchema, webhookUpdateSchema, type DeliveryView, type WebhookView } from "./shared";

const idSchema = z.string().uuid("is not a valid id");

export function webhookView(h: Webhook): WebhookView {
  return { id: h.id, url: h.url, events: h.events, enabled: h.enabled, createdAt: h.createdAt.toISOString(), secretHint: `${h.secret.slice(0, 4)}…` };
}

export function deliveryView(d: NotificationDelivery): DeliveryView {
  return {
    id: d.id,
    channel: d.channel,
    target: d.target,
    event: d.event,
    status: d.status,
    attempts: d.attempts,
    log: d.log,
    nextAttemptAt: d.nextAttemptAt.toISOString(),
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
  };
}

export async function listWebhooks(db: Database, actor: Actor): Promise<Webhook[]> {
  assertCan(actor, "workspace:admin");
  return db.select().from(webhooks).where(eq(webhooks.workspaceId, actor.workspaceId)).orderBy(webhooks.createdAt);
}

/** Adds a webhook; the secret (given or generated) is returned once, here. */
export async function createWebhook(db: Database, actor: Actor, input: unknown): Promise<Result<{ webhook: Webhook; secret: string }>> {
  return toResult({ op: "notifications.createWebhook", actor }, async () => {
    assertCan(actor, "workspace:admin");
    const parsed = parseInput(webhookInputSchema, input);
    const secret = parsed.secret ?? `whsec_${randomBytes(24).toString("base64url")}`;
    const webhook = await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(webhooks)
        .values({ workspaceId: actor.workspaceId, url: parsed.url, events: parsed.events, secret, createdByKind: actor.kind, createdById: actor.id, createdByName: actor.name })
        .returning();
      await recordAudit(tx, actor, { action: "webhook.create", targetType: "webhook", targetId: row.id, data: { url: parsed.url, events: parsed.events } });
      return row;
    });
    return { webhook, secret };
  });
}

export async function updateWebhook(db: Database, actor: Actor, id: unknown, input: unknown): Promise<Result<Webhook>> {
  return toResult({ op: "notifications.updateWebhook", actor }, async () => {
    assertCan(actor, "workspace:admin");
    const webhookId = parseInput(idSchema, id);
    const { enabled } = parseInput(webhookUpdateSchema, input);
    return db.transaction(async (tx) => {
      const [row] = await tx
        .update(webhooks)
        .set({ enabled })
        .where(and(eq(webhooks.workspaceId, actor.workspaceId), eq(webhooks.id, webhookId)))
        .returning();
      if (!row) throw new AppError("not_found:webhook", "Webhook not found.");
      await recordAudit(tx, actor, { action: "webhook.update", targetType: "webhook", targetId: row.id, data: { enabled } });
      return row;
    });
  });
}

export async function deleteWebhook(db: Database, actor: Actor, id: unknown): Promise<Result<{ id: string }>> {
  return toResult({ op: "notifications.deleteWebhook", actor }, async () => {
    assertCan(actor, "workspace:admin");
    const webhookId = parseInput(idSchema, id);
    return db.transaction(async (tx) => {
      const [row] = await tx.delete(webhooks).where(and(eq(webhooks.workspaceId, actor.workspaceId), eq(webhooks.id, webhookId))).returning({ id: webhooks.id });
      if (!row) throw new AppError("not_found:webhook", "Webhook not found.");
      await recordAudit(tx, actor, { action: "webhook.delete", targetType: "webhook", targetId: row.id });
      return row;
    });
  });
}

/** A webhook's delivery log, newest first. */
export async function listDeliveries(db: Database, actor: Actor, webhookId: unknown, options: { limit?: number } = {}): Promise<NotificationDelivery[]> {
  assertCan(actor, "workspace:admin");
  const id = parseInput(idSchema, webhookId);
  const [hook] = await db.select({ id: webhooks.id }).from(webhooks).where(and(eq(webhooks.workspaceId, actor.workspaceId), eq(webhooks.id, id)));
  if (!hook) throw new AppError("not_found:webhook", "Webhook not found.");
  return db
    .select()
    .from(notificationDeliveries)
    .where(and(eq(notificationDeliveries.workspaceId, actor.workspaceId), eq(notificationDeliveries.webhookId, id)))
    .orderBy(desc(notificationDeliveries.createdAt))
    .limit(Math.min(options.limit ?? 50, 200));
}

/** Sends a logged delivery again: a new queued row with the same document (so the log keeps both). */
export async function replayDelivery(db: Database, actor: Actor, deliveryId: unknown): Promise<Result<NotificationDelivery>> {
  return toResult({ op: "notifications.replayDelivery", actor }, async () => {
    assertCan(actor, "workspace:admin");
    const id = parseInput(idSchema, deliveryId);
    return db.transaction(async (tx) => {
      const [old] = await tx
        .select()
        .from(notificationDeliveries)
        .where(and(eq(notificationDeliveries.workspaceId, actor.workspaceId), eq(notificationDeliveries.id, id), eq(notificationDeliveries.channel, "webhook")));
      if (!old) throw new AppError("not_found:delivery", "Delivery not found.");
      const [row] = await tx
        .insert(notificationDeliveries)
        .values({ workspaceId: actor.workspaceId, channel: old.channel, webhookId: old.webhookId, userId: old.userId, target: old.target, event: old.event, payload: old.payload })
        .returning();
      await recordAudit(tx, actor, { action: "webhook.replay", targetType: "delivery", targetId: row.id, data: { replayOf: old.id } });
      return row;
    });
  });
}
