import { randomUUID } from "node:crypto";
import { AppError } from "@/lib/errors";
import { realtimeHub, type Hub } from "./hub";

/** Per instance: a bound on open streams, so a flood of tabs cannot exhaust the server. */
export const MAX_STREAMS_PER_INSTANCE = 5_000;
export const SSE_HEARTBEAT_MS = 15_000;
export const SSE_RECHECK_MS = 60_000;

const encoder = new TextEncoder();

function frame(event: string, data: unknown): Uint8Array {
  return encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

/**
 * A server-sent-events response carrying the workspace's messages until the client goes away.
 * Frames: `ready` (once), `message` (a RealtimeMessage), `presence` ({ room }: refetch its members),
 * `resync` (refetch everything), `ping` (keep-alive, so proxies and the client's watchdog see life).
 */
export function sseResponse(options: {
  workspaceId: string;
  signal: AbortSignal;
  heartbeatMs?: number;
  hub?: Hub;
  /** Asked on a heartbeat at most every `recheckMs`: false ends the stream (the member was removed since it opened). */
  recheck?: () => Promise<boolean>;
  recheckMs?: number;
}): Response {
  const hub = options.hub ?? realtimeHub();
  if (hub.size() >= MAX_STREAMS_PER_INSTANCE) {
    throw new AppError("unavailable:realtime", "Too many live connections on this server; retrying shortly.", { retryAfterSeconds: 5 });
  }
  const connectionId = randomUUID();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      const send = (event: string, data: unknown) => {
        if (!closed) controller.enqueue(frame(event, data));
      };
      const unsubscribe = hub.subscribe(options.workspaceId, { send });
      let checkedAt = Date.now();
      const ping = setInterval(() => {
        send("ping", { at: Date.now() });
        // One query a minute per stream, not per heartbeat: thousands of streams stay cheap.
        if (!options.recheck || Date.now() - checkedAt < (options.recheckMs ?? SSE_RECHECK_MS)) return;
        checkedAt = Date.now();
        options.recheck().then(
          (allowed) => {
            if (!allowed) cleanup();
          },
          // A failed check (database hiccup) keeps the stream: the next heartbeat asks again.
          () => {},
        );
      }, options.heartbeatMs ?? SSE_HEARTBEAT_MS);
      cleanup = () => {
        if (closed) return;
        closed = true;
        clearInterval(ping);
        unsubscribe();
        try {
          controller.close();
        } catch {
          // Already closed by the runtime.
        }
      };
      options.signal.addEventListener("abort", () => cleanup(), { once: true });
      if (options.signal.aborted) cleanup();
      send("ready", { connectionId, at: Date.now() });
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      // no-transform keeps compression middleware from buffering the stream.
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
}
