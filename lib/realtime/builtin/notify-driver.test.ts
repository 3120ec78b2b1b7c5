import { describe, expect, it } from "vitest";
import type { RealtimeMessage } from "@/lib/realtime/events";
import { encodeMessage, NOTIFY_PAYLOAD_LIMIT, packMessages } from "./notify-driver";

const workspaceId = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
const at = "2025-01-01T00:00:00.000Z";

function eventsMessage(i: number, extra: Partial<RealtimeMessage> = {}): RealtimeMessage {
  return {
    type: "incident.events",
    incidentId: `incident-${i}`,
    eventCount: i,
    workspaceId,
    origin: { kind: "api_key", id: "k" },
    at,
    ...extra,
  } as RealtimeMessage;
}

/** A message whose JSON is exactly `bytes` long (padding goes in incidentId). */
function messageOfSize(bytes: number, i = 0): RealtimeMessage {
  const base = eventsMessage(i, { incidentId: "" } as Partial<RealtimeMessage>);
  const pad = bytes - Buffer.byteLength(JSON.stringify(base));
  if (pad < 0) throw new Error(`cannot build a message of ${bytes} bytes`);
  const message = { ...base, incidentId: "x".repeat(pad) } as RealtimeMessage;
  expect(Buffer.byteLength(JSON.stringify(message))).toBe(bytes);
  return message;
}

/** What a listener hears: the messages carried by the payloads, in order (a refetch as `{ reset: w }`). */
function decode(payloads: string[]): unknown[] {
  return payloads.flatMap((payload) => {
    const envelope = JSON.parse(payload);
    if (envelope.k === "m") return [envelope.m];
    if (envelope.k === "b") return envelope.m;
    if (envelope.k === "r") return [{ reset: envelope.w }];
    throw new Error(`unexpected envelope ${payload}`);
  });
}

const bytes = (payload: string) => Buffer.byteLength(payload);

describe("packMessages", () => {
  it("returns no payloads for no messages", () => {
    expect(packMessages([])).toEqual([]);
  });

  it("sends a single message in the same envelope as encodeMessage", () => {
    const message = eventsMessage(1);
    const payloads = packMessages([message]);
    expect(payloads).toEqual([encodeMessage(message)]);
    expect(JSON.parse(payloads[0])).toEqual({ k: "m", m: message });
  });

  it("packs several small messages into one batch payload that decodes to the same messages in order", () => {
    const messages: RealtimeMessage[] = [
      eventsMessage(1),
      { type: "incident.updated", incidentId: "incident-2", version: 4, fields: ["status", "title"], workspaceId, at },
      { type: "incident.deleted", incidentId: "incident-3", workspaceId, origin: { kind: "user", id: null }, at },
      { type: "workspace.reset", workspaceId, at },
    ];

    const payloads = packMessages(messages);

    expect(payloads).toHaveLength(1);
    expect(JSON.parse(payloads[0])).toEqual({ k: "b", m: messages });
  });

  it("keeps every payload within the NOTIFY limit and every message, in order, when packing many", () => {
    const messages = Array.from({ length: 200 }, (_, i) => eventsMessage(i, { incidentId: `incident-${i}-${"p".repeat(i * 7)}` } as Partial<RealtimeMessage>));

    const payloads = packMessages(messages);

    expect(payloads.length).toBeGreaterThan(1);
    for (const payload of payloads) expect(bytes(payload)).toBeLessThanOrEqual(NOTIFY_PAYLOAD_LIMIT);
    expect(decode(payloads)).toEqual(messages);
    // Far fewer NOTIFYs than messages.
    expect(payloads.length).toBeLessThan(messages.length / 4);
  });

  it("counts bytes, not characters, for messages with multi-byte text", () => {
    const messages = Array.from({ length: 60 }, (_, i) => eventsMessage(i, { incidentId: `事件-${i}-${"🔥".repeat(100)}` } as Partial<RealtimeMessage>));

    const payloads = packMessages(messages);

    for (const payload of payloads) {
      // Each emoji is two UTF-16 characters but four bytes: a length-based count would overshoot.
      expect(bytes(payload)).toBeGreaterThan(payload.length);
      expect(bytes(payload)).toBeLessThanOrEqual(NOTIFY_PAYLOAD_LIMIT);
    }
    expect(payloads.length).toBeGreaterThan(1);
    expect(payloads.length).toBeLessThan(messages.length);
    expect(decode(payloads)).toEqual(messages);
  });

  it("fills a batch up to exactly the limit and starts a new one a byte beyond it", () => {
    // A batch of two is {"k":"b","m":[A,B]}: 16 bytes of envelope, one comma.
    const envelope = bytes('{"k":"b","m":[]}');
    const first = messageOfSize(3000, 1);
    const exact = messageOfSize(NOTIFY_PAYLOAD_LIMIT - envelope - 3000 - 1, 2);
    const tooBig = messageOfSize(NOTIFY_PAYLOAD_LIMIT - envelope - 3000, 3);

    const fits = packMessages([first, exact]);
    expect(fits).toHaveLength(1);
    expect(bytes(fits[0])).toBe(NOTIFY_PAYLOAD_LIMIT);
    expect(decode(fits)).toEqual([first, exact]);

    const split = packMessages([first, tooBig]);
    expect(split).toHaveLength(2);
    expect(decode(split)).toEqual([first, tooBig]);
    for (const payload of split) expect(bytes(payload)).toBeLessThanOrEqual(NOTIFY_PAYLOAD_LIMIT);
  });

  it("stays within the limit for messages of many sizes around the boundaries", () => {
    // Deterministic pseudo-random sizes, weighted towards half and all of the limit.
    let seed = 42;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const sizes = Array.from({ length: 300 }, () => {
      const r = next();
      if (r < 0.3) return 200 + Math.floor(next() * 300);
      if (r < 0.6) return 3_960 + Math.floor(next() * 60);
      if (r < 0.9) return 7_950 + Math.floor(next() * 49);
      return 8_000 + Math.floor(next() * 50); // too big for NOTIFY even alone
    });
    const messages = sizes.map((size, i) => messageOfSize(size, i));

    const payloads = packMessages(messages);

    for (const payload of payloads) expect(bytes(payload)).toBeLessThanOrEqual(NOTIFY_PAYLOAD_LIMIT);
    expect(decode(payloads)).toEqual(messages.map((m) => (Buffer.byteLength(JSON.stringify({ k: "m", m })) <= NOTIFY_PAYLOAD_LIMIT ? m : { reset: workspaceId })));
  });

  it("sends a message with a huge fields list without its fields, keeping its neighbours intact and in order", () => {
    const before = eventsMessage(1);
    const huge: RealtimeMessage = {
      type: "incident.updated",
      incidentId: "incident-2",
      version: 7,
      fields: Array.from({ length: 2_000 }, (_, i) => `field${i}`),
      workspaceId,
      origin: { kind: "user", id: "u1" },
      at,
    };
    const after = eventsMessage(3);

    const payloads = packMessages([before, huge, after]);

    for (const payload of payloads) expect(bytes(payload)).toBeLessThanOrEqual(NOTIFY_PAYLOAD_LIMIT);
    expect(payloads).toContain(encodeMessage(huge));
    const { fields: _fields, ...trimmed } = huge;
    expect(decode(payloads)).toEqual([before, trimmed, after]);
  });

  it("turns a message too large even without fields into a workspace refetch, keeping its neighbours", () => {
    const before = [eventsMessage(1), eventsMessage(2)];
    const huge = { ...eventsMessage(3), workspaceId: "ws-huge", origin: { kind: "x".repeat(9_000), id: null } } as RealtimeMessage;
    const after = [eventsMessage(4), eventsMessage(5)];

    const payloads = packMessages([...before, huge, ...after]);

    expect(payloads).toHaveLength(3);
    expect(JSON.parse(payloads[0])).toEqual({ k: "b", m: before });
    expect(JSON.parse(payloads[1])).toEqual({ k: "r", w: "ws-huge" });
    expect(payloads[1]).toBe(encodeMessage(huge));
    expect(JSON.parse(payloads[2])).toEqual({ k: "b", m: after });
  });

  it("sends a message that fits only on its own in a payload by itself", () => {
    const envelope = bytes('{"k":"b","m":[]}');
    const small = eventsMessage(1);
    const alone = messageOfSize(NOTIFY_PAYLOAD_LIMIT - envelope, 2);

    const payloads = packMessages([small, alone, small]);

    expect(payloads).toHaveLength(3);
    expect(JSON.parse(payloads[1])).toEqual({ k: "m", m: alone });
    for (const payload of payloads) expect(bytes(payload)).toBeLessThanOrEqual(NOTIFY_PAYLOAD_LIMIT);
    expect(decode(payloads)).toEqual([small, alone, small]);
  });
});
