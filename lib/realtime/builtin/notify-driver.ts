import { randomUUID } from "node:crypto";
import type { EventEmitter } from "node:events";
import postgres from "postgres";
import { logger } from "@/lib/logger";
import { busEvents, type RealtimeDriver } from "../driver";
import type { RealtimeMessage } from "../events";
import { localBus } from "../publish";

const log = logger("realtime");

export const NOTIFY_CHANNEL = "firedrill_realtime";
/** PostgreSQL rejects NOTIFY payloads of 8000 bytes or more. */
export const NOTIFY_PAYLOAD_LIMIT = 7_999;

type Envelope =
  | { k: "m"; m: RealtimeMessage }
  /** Several messages published together (one NOTIFY for a burst of commits). */
  | { k: "b"; m: RealtimeMessage[] }
  | { k: "p"; w: string; r: string }
  /** A message too large for NOTIFY: every client of the workspace refetches instead. */
  | { k: "r"; w: string }
  | { k: "ping"; i: string };

/** Encodes a message within the NOTIFY limit, degrading to "refetch the workspace" rather than dropping it. */
export function encodeMessage(message: RealtimeMessage): string {
  let payload = JSON.stringify({ k: "m", m: message } satisfies Envelope);
  if (Buffer.byteLength(payload) <= NOTIFY_PAYLOAD_LIMIT) return payload;
  if ("fields" in message) {
    const { fields: _fields, ...rest } = message;
    payload = JSON.stringify({ k: "m", m: rest as RealtimeMessage } satisfies Envelope);
    if (Buffer.byteLength(payload) <= NOTIFY_PAYLOAD_LIMIT) return payload;
  }
  return JSON.stringify({ k: "r", w: message.workspaceId } satisfies Envelope);
}

/**
 * Packs messages into as few NOTIFY payloads as fit the limit, in order. A message that does not fit
 * alone goes through encodeMessage (trimmed, or "refetch the workspace").
 */
export function packMessages(messages: RealtimeMessage[]): string[] {
  const payloads: string[] = [];
  let parts: string[] = [];
  let size = 0;
  const overhead = Buffer.byteLength('{"k":"b","m":[]}');
  const close = () => {
    if (parts.length === 1) payloads.push(`{"k":"m","m":${parts[0]}}`);
    else if (parts.length > 1) payloads.push(`{"k":"b","m":[${parts.join(",")}]}`);
    parts = [];
    size = 0;
  };
  for (const message of messages) {
    const part = JSON.stringify(message);
    const bytes = Buffer.byteLength(part);
    if (overhead + bytes > NOTIFY_PAYLOAD_LIMIT) {
      close();
      payloads.push(encodeMessage(message));
      continue;
    }
    if (overhead + size + bytes + parts.length > NOTIFY_PAYLOAD_LIMIT) close();
    parts.push(part);
    size += bytes;
  }
  close();
  return payloads;
}

export type NotifyDriverOptions = {
  channel?: string;
  /** How often the LISTEN connection proves it still hears notifications. */
  watchdogMs?: number;
  /** Where heard messages go (tests give each simulated instance its own bus). */
  bus?: EventEmitter;
};

/**
 * The built-in driver on PostgreSQL: publish is a NOTIFY, and every instance LISTENs on a dedicated
 * connection and feeds what it hears into its in-process bus (so SSE clients on any instance get
 * every commit, including this instance's own, in commit order of the NOTIFYs).
 */
export async function createNotifyDriver(url: string, options: NotifyDriverOptions = {}): Promise<RealtimeDriver> {
  const channel = options.channel ?? NOTIFY_CHANNEL;
  const watchdogMs = options.watchdogMs ?? 10_000;
  const instance = randomUUID();
  const bus = options.bus ?? localBus();
  // Publishing pool (small: one NOTIFY per commit); postgres.js opens its own extra connection for LISTEN.
  const sql = postgres(url, { max: 2, onnotice: () => {}, connection: { application_name: "firedrill-realtime" } });
  let lastHeard = Date.now();
  let listenedOnce = false;
  let missedSince: number | null = null;
  let closing = false;

  const onNotify = (raw: string) => {
    lastHeard = Date.now();
    let envelope: Envelope;
    try {
      envelope = JSON.parse(raw) as Envelope;
    } catch {
      return;
    }
    if (envelope.k === "m") bus.emit(busEvents.message, envelope.m);
    else if (envelope.k === "b") for (const m of envelope.m) bus.emit(busEvents.message, m);
    else if (envelope.k === "p") bus.emit(busEvents.presence, { workspaceId: envelope.w, room: envelope.r });
    else if (envelope.k === "r") bus.emit(busEvents.message, { type: "workspace.reset", workspaceId: envelope.w, at: new Date().toISOString() } satisfies RealtimeMessage);
  };
  const onListen = () => {
    lastHeard = Date.now();
    // A re-LISTEN after a dropped connection: anything notified meanwhile was lost, so clients refetch.
    if (listenedOnce) {
      log.info({ missedMs: missedSince ? Date.now() - missedSince : undefined }, "realtime LISTEN restored");
      bus.emit(busEvents.resync);
    }
    listenedOnce = true;
    missedSince = null;
  };

  let subscription = await sql.listen(channel, onNotify, onListen);

  // postgres.js re-LISTENs when its connection closes, but gives up silently if the server is still
  // down at that moment. A ping through our own channel proves the listener is alive; if it is not,
  // LISTEN again.
  const watchdog = setInterval(() => {
    if (closing) return;
    sql`select pg_notify(${channel}, ${JSON.stringify({ k: "ping", i: instance } satisfies Envelope)})`.catch(() => {});
    if (Date.now() - lastHeard > watchdogMs * 2.5) {
      missedSince ??= lastHeard;
      void subscription
        .unlisten()
        .catch(() => {})
        .then(() => sql.listen(channel, onNotify, onListen))
        .then((s) => {
          subscription = s;
        })
        .catch((e: unknown) => log.warn({ err: e }, "realtime LISTEN failed; retrying"));
    }
  }, watchdogMs);
  watchdog.unref();

  const notify = async (payload: string) => {
    await sql`select pg_notify(${channel}, ${payload})`;
  };

  // Messages published while a NOTIFY is in flight go out together in the next one, in order: a
  // burst of commits (intake under load) costs a few NOTIFYs, not one per message.
  let queued: { message: RealtimeMessage; done: (e?: unknown) => void }[] = [];
  let sending = false;
  const sendQueued = async () => {
    sending = true;
    try {
      while (queued.length > 0) {
        const batch = queued;
        queued = [];
        try {
          for (const payload of packMessages(batch.map((q) => q.message))) await notify(payload);
          for (const q of batch) q.done();
        } catch (e) {
          for (const q of batch) q.done(e);
        }
      }
    } finally {
      sending = false;
    }
  };

  return {
    name: "postgres",
    publish: (message) =>
      new Promise<void>((resolve, reject) => {
        queued.push({ message, done: (e) => (e ? reject(e) : resolve()) });
        if (!sending) void sendQueued();
      }),
    presenceChanged: (workspaceId, room) => notify(JSON.stringify({ k: "p", w: workspaceId, r: room } satisfies Envelope)),
    async close() {
      closing = true;
      clearInterval(watchdog);
      await subscription.unlisten().catch(() => {});
      await sql.end({ timeout: 2 });
    },
  };
}
