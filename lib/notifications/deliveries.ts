import { and, eq, inArray, lte, sql } from "drizzle-orm";
import nodemailer from "nodemailer";
import { notificationDeliveries, webhooks, type DeliveryAttempt, type NotificationDelivery } from "@/db/schema";
import type { Database } from "@/db/client";
import { env } from "@/env";
import { logger } from "@/lib/logger";
import { channelSender } from "./senders";
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, signPayload } from "./signature";

const log = logger("notifications");

export const NOTIFY_JOB = "notify";
/** Attempts before a delivery is given up (failed; it can be replayed from the log). */
export const MAX_ATTEMPTS = 6;
/** Delivery rows one run claims. */
const BATCH = 25;
/** A claimed row is hidden from other instances this long (a crash mid-send retries it after). */
const LEASE_MS = 60_000;
const TIMEOUT_MS = 10_000;

/** Wait before attempt n + 1 after n failures: 30 s, 1 min, 2 min, 4 min, 8 min. */
export function backoffMs(failures: number): number {
  return 30_000 * 2 ** Math.max(0, failures - 1);
}

export type DeliveryTransport = {
  fetch?: typeof fetch;
  /** Sends one email (tests pass a transport bound to their SMTP stand-in). */
  sendMail?: (message: { from: string; to: string; subject: string; text: string }) => Promise<unknown>;
};

export type DeliveryReport = { claimed: number; delivered: number; retried: number; failed: number };

/**
 * Sends due deliveries: claims a batch (`for update skip locked`, so instances share the queue and
 * never send one row twice at once), sends each, records the attempt, and schedules a retry with
 * backoff or gives up after MAX_ATTEMPTS.
 */
export async function processDeliveries(db: Database, options: { now?: Date } & DeliveryTransport = {}): Promise<DeliveryReport> {
  const now = options.now ?? new Date();
  const claimed = await db.transaction(async (tx) => {
    const due = await tx
      .select({ id: notificationDeliveries.id })
      .from(notificationDeliveries)
      .where(and(eq(notificationDeliveries.status, "pending"), lte(notificationDeliveries.nextAttemptAt, now)))
      .orderBy(notificationDeliveries.nextAttemptAt)
      .limit(BATCH)
      .for("update", { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(notificationDeliveries)
      .set({ nextAttemptAt: new Date(now.getTime() + LEASE_MS) })
      .where(inArray(notificationDeliveries.id, due.map((d) => d.id)))
      .returning();
  });
  const report: DeliveryReport = { claimed: claimed.length, delivered: 0, retried: 0, failed: 0 };
  for (const delivery of claimed) {
    const started = Date.now();
    let attempt: DeliveryAttempt;
    try {
      const { statusCode } = await send(db, delivery, options);
      attempt = { at: now.toISOString(), statusCode: statusCode ?? null, error: null, ms: Date.now() - started };
    } catch (e) {
      const statusCode = e instanceof DeliveryError ? e.statusCode : null;
      attempt = { at: now.toISOString(), statusCode, error: (e instanceof Error ? e.message : String(e)).slice(0, 500), ms: Date.now() - started };
    }
    const attempts = delivery.attempts + 1;
    const delivered = attempt.error === null;
    const gaveUp = !delivered && attempts >= MAX_ATTEMPTS;
    await db
      .update(notificationDeliveries)
      .set({
        attempts,
        log: sql`${notificationDeliveries.log} || ${JSON.stringify([attempt])}::jsonb`,
        status: delivered ? "delivered" : gaveUp ? "failed" : "pending",
        deliveredAt: delivered ? now : null,
        nextAttemptAt: delivered || gaveUp ? now : new Date(now.getTime() + backoffMs(attempts)),
      })
      .where(eq(notificationDeliveries.id, delivery.id));
    if (delivered) report.delivered++;
    else if (gaveUp) report.failed++;
    else report.retried++;
    if (!delivered) log.warn({ deliveryId: delivery.id, channel: delivery.channel, attempts, error: attempt.error }, "delivery failed");
  }
  return report;
}

class DeliveryError extends Error {
  constructor(
    message: string,
    readonly statusCode: number | null,
  ) {
    super(message);
  }
}

async function send(db: Database, delivery: NotificationDelivery, transport: DeliveryTransport): Promise<{ statusCode?: number }> {
  if (delivery.channel === "webhook") return sendWebhook(db, delivery, transport.fetch ?? fetch);
  if (delivery.channel === "email") return sendEmail(delivery, transport.sendMail);
  const sender = channelSender(delivery.channel);
  if (!sender) throw new DeliveryError(`No ${delivery.channel} connection is configured.`, null);
  return sender(delivery);
}

async function sendWebhook(db: Database, delivery: NotificationDelivery, fetchImpl: typeof fetch): Promise<{ statusCode?: number }> {
  const [hook] = await db.select().from(webhooks).where(eq(webhooks.id, delivery.webhookId!));
  if (!hook) throw new DeliveryError("The webhook was deleted.", null);
  const body = JSON.stringify(delivery.payload);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const response = await fetchImpl(hook.url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "user-agent": "Firedrill-Webhooks/1",
      [EVENT_HEADER]: delivery.event,
      [DELIVERY_HEADER]: String(delivery.payload.id ?? delivery.id),
      [TIMESTAMP_HEADER]: timestamp,
      [SIGNATURE_HEADER]: signPayload(hook.secret, timestamp, body),
    },
    body,
    redirect: "manual",
    signal: AbortSignal.timeout(TIMEOUT_MS),
  }).catch((e: unknown) => {
    throw new DeliveryError(e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e), null);
  });
  await response.body?.cancel().catch(() => undefined);
  if (response.status < 200 || response.status >= 300) throw new DeliveryError(`The receiver answered ${response.status}.`, response.status);
  return { statusCode: response.status };
}

let cachedTransport: { url: string; transport: nodemailer.Transporter } | undefined;

async function sendEmail(delivery: NotificationDelivery, sendMail: DeliveryTransport["sendMail"]): Promise<{ statusCode?: number }> {
  const p = delivery.payload as { title?: string; body?: string; link?: string };
  const message = {
    from: env().SMTP_FROM ?? "Firedrill <firedrill@localhost>",
    to: delivery.target,
    subject: `[Firedrill] ${p.title ?? delivery.event}`,
    text: `${p.title ?? ""}\n\n${p.body ?? ""}\n\nOpen it (and acknowledge a page): ${p.link ?? ""}\n`,
  };
  if (sendMail) {
    await sendMail(message);
    return {};
  }
  const url = env().SMTP_URL;
  if (!url) throw new DeliveryError("SMTP_URL is not set.", null);
  if (cachedTransport?.url !== url) cachedTransport = { url, transport: nodemailer.createTransport(url) };
  await cachedTransport.transport.sendMail(message);
  return {};
}
