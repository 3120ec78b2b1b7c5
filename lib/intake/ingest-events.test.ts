import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray, sql } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { insertWorkspace } from "@/lib/workspaces/queries";
import { events, incidents, incidentStatusHistory, openStatuses } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { changeIncidentStatus } from "@/lib/incidents/change-status";
import { deleteIncident } from "@/lib/incidents/delete-incident";
import { ingestEvents, parseEvents } from "./ingest-events";
import { listEventsForIncident } from "./queries";
import { saveRule } from "./rules";

let t: TestDatabase;
let key: Actor;
let admin: Actor;
const T0 = Date.parse("2026-11-20T10:00:00Z");
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();
let n = 0;
/** A service name no other test uses. */
const svc = (label: string) => `${label}-${++n}`;

beforeAll(async () => {
  t = await createTestDatabase();
  const ws = await insertWorkspace(t.db, { slug: "acme", name: "Acme" });
  key = { kind: "api_key", id: "k-1", name: "API key ingest", workspaceId: ws.id, role: "admin", scopes: ["ingest"] };
  admin = { kind: "user", id: "u-1", name: "Ada", workspaceId: ws.id, role: "admin" };
});

afterAll(async () => {
  await t?.drop();
});

async function incidentsOf(service: string) {
  return t.db.select().from(incidents).where(and(eq(incidents.workspaceId, key.workspaceId), eq(incidents.service, service)));
}
async function eventsOf(service: string) {
  return t.db.select().from(events).where(and(eq(events.workspaceId, key.workspaceId), eq(events.service, service)));
}
const errorsAt = (service: string, seconds: number[], level = "ERROR") =>
  seconds.map((s, i) => ({ service, level, message: `boom ${i}`, timestamp: at(s) }));

describe("threshold rule", () => {
  it("opens nothing for 4 errors in 5 minutes", async () => {
    const s = svc("four");
    const r = await ingestEvents(t.db, key, errorsAt(s, [0, 60, 120, 180]));
    expect(r.ok && r.data).toEqual({ accepted: 4, incidents: [] });
    expect(await incidentsOf(s)).toHaveLength(0);
  });

  it("opens exactly one incident at the fifth error within 5 minutes, linked to all five", async () => {
    const s = svc("five");
    for (const sec of [0, 60, 120, 180]) expect((await ingestEvents(t.db, key, errorsAt(s, [sec]))).ok).toBe(true);
    const r = await ingestEvents(t.db, key, errorsAt(s, [240]));
    if (!r.ok) throw new Error(r.error);
    expect(r.data.incidents).toHaveLength(1);
    expect(r.data.incidents[0].status).toBe("created");
    const [inc] = await incidentsOf(s);
    expect(inc.eventCount).toBe(5);
    expect(inc.source).toBe("generic");
    expect(inc.firstEventAt?.toISOString()).toBe(at(0));
    expect(inc.lastEventAt?.toISOString()).toBe(at(240));
    expect((await eventsOf(s)).every((e) => e.incidentId === inc.id)).toBe(true);
  });

  it("opens nothing for 5 errors spread over 6 minutes", async () => {
    const s = svc("spread");
    const r = await ingestEvents(t.db, key, errorsAt(s, [0, 90, 180, 270, 360]));
    expect(r.ok && r.data.incidents).toEqual([]);
    expect(await incidentsOf(s)).toHaveLength(0);
  });

  it("counts only ERROR and above, and accepts level aliases", async () => {
    const s = svc("levels");
    await ingestEvents(t.db, key, [
      ...errorsAt(s, [0, 1, 2, 3, 4, 5], "warn"),
      ...errorsAt(s, [6, 7, 8, 9], "info"),
    ]);
    expect(await incidentsOf(s)).toHaveLength(0);
    const r = await ingestEvents(t.db, key, [
      { service: s, level: "err", message: "a", timestamp: at(10) },
      { service: s, level: "CRIT", message: "b", timestamp: at(11) },
      { service: s, level: "Fatal", message: "c", timestamp: at(12) },
      { service: s, level: "emergency", message: "d", timestamp: at(13) },
      { service: s, level: "error", message: "e", timestamp: at(14) },
    ]);
    expect(r.ok && r.data.incidents.length).toBe(1);
    const levels = (await eventsOf(s)).map((e) => e.level);
    expect(new Set(levels)).toEqual(new Set(["WARNING", "INFO", "ERROR", "CRITICAL", "FATAL"]));
    const [inc] = await incidentsOf(s);
    expect(inc.severity).toBe("P0"); // worst level FATAL
  });

  it("attaches later events to the open incident, then counts afresh after it is resolved", async () => {
    const s = svc("attach");
    await ingestEvents(t.db, key, errorsAt(s, [0, 10, 20, 30, 40]));
    const [inc] = await incidentsOf(s);
    const more = await ingestEvents(t.db, key, [{ service: s, level: "info", message: "still bad", timestamp: at(900) }]);
    expect(more.ok && more.data.incidents).toEqual([{ id: inc.id, number: inc.number, status: "attached" }]);
    const [after] = await incidentsOf(s);
    expect(after.eventCount).toBe(6);
    expect(after.lastEventAt?.toISOString()).toBe(at(900));

    expect((await changeIncidentStatus(t.db, admin, inc.id, { status: "resolved" })).ok).toBe(true);
    const four = await ingestEvents(t.db, key, errorsAt(s, [1000, 1001, 1002, 1003]));
    expect(four.ok && four.data.incidents).toEqual([]);
    const fifth = await ingestEvents(t.db, key, errorsAt(s, [1004]));
    expect(fifth.ok && fifth.data.incidents[0]?.status).toBe("created");
    expect(await incidentsOf(s)).toHaveLength(2);
  });

  it("groups by fingerprint when one is given", async () => {
    const s = svc("fp");
    const batch = errorsAt(s, [0, 1, 2, 3, 4]).map((e, i) => ({ ...e, fingerprint: i % 2 ? "disk" : "db" }));
    const r = await ingestEvents(t.db, key, batch);
    expect(r.ok && r.data.incidents).toEqual([]);
    const r2 = await ingestEvents(t.db, key, errorsAt(s, [5, 6]).map((e) => ({ ...e, fingerprint: "db" })));
    expect(r2.ok && r2.data.incidents.length).toBe(1);
    const [inc] = await incidentsOf(s);
    expect(inc.fingerprint).toBe("fp:db");
    expect(inc.eventCount).toBe(5);
  });

  it("follows a per-service rule (count, window, level, severity)", async () => {
    const s = svc("ruled");
    const saved = await saveRule(t.db, admin, { service: s, minCount: 2, windowSeconds: 30, minLevel: "WARNING", severity: "P1" });
    expect(saved.ok).toBe(true);
    const r1 = await ingestEvents(t.db, key, errorsAt(s, [0, 31], "warning"));
    expect(r1.ok && r1.data.incidents).toEqual([]);
    const r2 = await ingestEvents(t.db, key, errorsAt(s, [40], "warning"));
    expect(r2.ok && r2.data.incidents.length).toBe(1);
    const [inc] = await incidentsOf(s);
    expect(inc.severity).toBe("P1");
  });

  it("uses the events' own timestamps, whatever order they arrive in", async () => {
    const s = svc("order");
    await ingestEvents(t.db, key, errorsAt(s, [240, 0]));
    await ingestEvents(t.db, key, errorsAt(s, [180, 60]));
    const r = await ingestEvents(t.db, key, errorsAt(s, [120]));
    expect(r.ok && r.data.incidents.length).toBe(1);
  });
});

describe("bad input", () => {
  it("rejects a batch with bad events whole, naming each index and field", async () => {
    const s = svc("bad");
    const r = await ingestEvents(t.db, key, [
      { service: s, level: "error", message: "fine" },
      { service: s, level: "loud", message: "x" },
      { service: "", level: "error", message: "" },
      { service: s, level: "error", message: "x", timestamp: "yesterday-ish" },
    ]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe("unprocessable:events");
    expect(r.issues?.map((i) => i.path).sort()).toEqual(["1.level", "2.message", "2.service", "3.timestamp"]);
    expect(await eventsOf(s)).toHaveLength(0);
  });

  it("refuses batches over 1,000 events and empty ones", () => {
    expect(() => parseEvents(Array.from({ length: 1001 }, () => ({ service: "a", level: "info", message: "m" })))).toThrow(/at most 1000/);
    expect(() => parseEvents([])).toThrow(/at least one/);
  });

  it("takes attributes up to 16 KiB of JSON, flat or nested, and names the field beyond", () => {
    const ev = (attributes: unknown) => ({ service: "a", level: "info", message: "m", attributes });
    expect(parseEvents(ev({ region: "eu-west-1", retries: 3, cached: false, note: null }))[0].attributes).toEqual({ region: "eu-west-1", retries: 3, cached: false, note: null });
    expect(() => parseEvents(ev({ blob: "x".repeat(16_000) }))).not.toThrow();
    expect(() => parseEvents(ev({ blob: "x".repeat(16_400) }))).toThrow(/attributes must be at most 16 KiB/);
    expect(() => parseEvents(ev({ nested: { deep: ["y".repeat(9_000), "z".repeat(9_000)] } }))).toThrow(/attributes must be at most 16 KiB/);
    // Multi-byte and escaped characters count as the bytes they take.
    expect(() => parseEvents(ev({ text: "é".repeat(8_500) }))).toThrow(/attributes must be at most 16 KiB/);
    expect(() => parseEvents(ev({ ctl: "\u0001".repeat(3_000) }))).toThrow(/attributes must be at most 16 KiB/);
    expect(() => parseEvents(ev(["not", "an", "object"]))).toThrow(/attributes must be an object/);
  });

  it("needs the ingest permission", async () => {
    const readOnly: Actor = { ...key, scopes: ["read"] };
    const r = await ingestEvents(t.db, readOnly, { service: "x", level: "info", message: "m" });
    expect(r.ok === false && r.code).toBe("forbidden:scope");
  });
});

describe("idempotency", () => {
  it("counts a retried request with the same Idempotency-Key once", async () => {
    const s = svc("idem");
    const body = errorsAt(s, [0, 1, 2]);
    const first = await ingestEvents(t.db, key, body, { idempotencyKey: "abc-123" });
    const again = await ingestEvents(t.db, key, body, { idempotencyKey: "abc-123" });
    expect(again).toEqual(first);
    expect(await eventsOf(s)).toHaveLength(3);
    await ingestEvents(t.db, key, body, { idempotencyKey: "abc-124" });
    expect(await eventsOf(s)).toHaveLength(6);
  });
});

describe("listEventsForIncident", () => {
  it("pages newest first", async () => {
    const s = svc("page");
    await ingestEvents(t.db, key, errorsAt(s, [0, 10, 20, 30, 40, 50, 60]));
    const [inc] = await incidentsOf(s);
    const page1 = await listEventsForIncident(t.db, { workspaceId: key.workspaceId, incidentId: inc.id, limit: 4 });
    expect(page1.map((e) => e.timestamp.toISOString())).toEqual([at(60), at(50), at(40), at(30)]);
    const last = page1[3];
    const page2 = await listEventsForIncident(t.db, {
      workspaceId: key.workspaceId,
      incidentId: inc.id,
      limit: 4,
      before: `${last.timestamp.toISOString()}|${last.id}`,
    });
    expect(page2.map((e) => e.timestamp.toISOString())).toEqual([at(20), at(10), at(0)]);
  });
});

describe("concurrency", () => {
  // Each writer alone (no group commit), so the 20 transactions really race in the database: on
  // PostgreSQL they run on separate connections and only the window row lock keeps them exact.
  it("creates exactly one incident when 20 separate transactions race past the threshold, linking every event", async () => {
    const s = svc("race-alone");
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => ingestEvents(t.db, key, errorsAt(s, [i]), { coalesce: false })),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.flatMap((r) => (r.ok ? r.data.incidents.filter((i) => i.status === "created") : []))).toHaveLength(1);
    const rows = await incidentsOf(s);
    expect(rows).toHaveLength(1);
    expect(rows[0].eventCount).toBe(20);
    expect((await eventsOf(s)).every((e) => e.incidentId === rows[0].id)).toBe(true);
  });

  it("creates exactly one incident when 20 writers race past the threshold, linking every event", async () => {
    const s = svc("race");
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => ingestEvents(t.db, key, errorsAt(s, [i]))),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    const created = results.flatMap((r) => (r.ok ? r.data.incidents.filter((i) => i.status === "created") : []));
    expect(created).toHaveLength(1);
    const rows = await incidentsOf(s);
    expect(rows).toHaveLength(1);
    expect(rows[0].eventCount).toBe(20);
    const evs = await eventsOf(s);
    expect(evs).toHaveLength(20);
    expect(evs.every((e) => e.incidentId === rows[0].id)).toBe(true);
    const history = await t.db.select().from(incidentStatusHistory).where(eq(incidentStatusHistory.incidentId, rows[0].id));
    expect(history).toHaveLength(1);
  });

  it("counts every event when concurrent batches attach to the same open incidents in different orders", async () => {
    const services = [svc("attach-race"), svc("attach-race"), svc("attach-race")];
    for (const s of services) await ingestEvents(t.db, key, errorsAt(s, [0, 1, 2, 3, 4]));
    const batches = Array.from({ length: 15 }, (_, i) => {
      const order = i % 2 ? [...services].reverse() : services;
      return order.flatMap((s) => [{ service: s, level: i % 3 ? "info" : "error", message: `late ${i}`, timestamp: at(10 + i) }]);
    });
    const results = await Promise.all(batches.map((b) => ingestEvents(t.db, key, b)));
    expect(results.every((r) => r.ok)).toBe(true);
    for (const s of services) {
      const [inc] = await incidentsOf(s);
      expect(inc.eventCount).toBe(20);
      expect((await eventsOf(s)).every((e) => e.incidentId === inc.id)).toBe(true);
    }
  });

  it("keeps at most one open incident per service when batches race across many services", async () => {
    const services = [svc("multi"), svc("multi"), svc("multi")];
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => ingestEvents(t.db, key, services.flatMap((s) => errorsAt(s, [i, i + 0.5])))),
    );
    const open = await t.db
      .select({ service: incidents.service, n: sql<number>`count(*)::int` })
      .from(incidents)
      .where(and(inArray(incidents.service, services), inArray(incidents.status, [...openStatuses])))
      .groupBy(incidents.service);
    expect(open.map((o) => o.n)).toEqual([1, 1, 1]);
  });
});

describe("group commit", () => {
  it("gives each of many concurrent callers the answer about its own events", async () => {
    const services = [svc("gc"), svc("gc"), svc("gc")];
    // 30 single-event calls at once: five errors per service cross each threshold, then more attach.
    const calls = Array.from({ length: 30 }, (_, i) => ({ service: services[i % 3], level: "error", message: `boom ${i}`, timestamp: at(i) }));
    const results = await Promise.all(calls.map((e) => ingestEvents(t.db, key, e, { coalesce: true })));
    expect(results.every((r) => r.ok)).toBe(true);
    const answers = results.map((r) => (r.ok ? r.data : null))!;
    const rows = await Promise.all(services.map(async (s) => (await incidentsOf(s))[0]));
    expect(rows.every((r) => r && r.eventCount === 10)).toBe(true);
    const byService = new Map(rows.map((r, n) => [services[n], r.id]));
    calls.forEach((e, i) => {
      expect(answers[i]!.accepted).toBe(1);
      // Every call hears of its own service's incident, and only of it.
      expect(answers[i]!.incidents.map((x) => x.id)).toEqual([byService.get(e.service)]);
    });
    const created = answers.flatMap((a) => a!.incidents.filter((x) => x.status === "created").map((x) => x.id));
    expect(created.sort()).toEqual([...byService.values()].sort());
  });

  it("counts a key sent twice in the same moment once", async () => {
    const s = svc("gc-idem");
    const body = errorsAt(s, [0, 1, 2, 3, 4, 5]);
    const [a, b] = await Promise.all([
      ingestEvents(t.db, key, body, { idempotencyKey: `same-${s}`, coalesce: true }),
      ingestEvents(t.db, key, body, { idempotencyKey: `same-${s}`, coalesce: true }),
    ]);
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(b.data).toEqual(a.data);
    expect(await eventsOf(s)).toHaveLength(6);
    const [inc] = await incidentsOf(s);
    expect(inc.eventCount).toBe(6);
  });

  it("keeps one caller's invalid batch from failing the others written with it", async () => {
    const s = svc("gc-isolated");
    const [good, bad] = await Promise.all([
      ingestEvents(t.db, key, { service: s, level: "info", message: "fine" }, { coalesce: true }),
      ingestEvents(t.db, key, { service: s, level: "loud", message: "not a level" }, { coalesce: true }),
    ]);
    expect(good.ok).toBe(true);
    expect(bad.ok).toBe(false);
    expect(await eventsOf(s)).toHaveLength(1);
  });
});

describe("deleted incidents", () => {
  it("unlinks the events of a deleted incident and starts counting again", async () => {
    const s = svc("deleted");
    const r = await ingestEvents(t.db, key, errorsAt(s, [0, 1, 2, 3, 4]));
    if (!r.ok) throw new Error(r.error);
    const [inc] = await incidentsOf(s);
    const gone = await deleteIncident(t.db, admin, inc.id);
    expect(gone.ok).toBe(true);
    const evs = await eventsOf(s);
    expect(evs).toHaveLength(5);
    expect(evs.every((e) => e.incidentId === null)).toBe(true);
    const next = await ingestEvents(t.db, key, errorsAt(s, [600, 601, 602, 603, 604]));
    if (!next.ok) throw new Error(next.error);
    expect(next.data.incidents.map((i) => i.status)).toEqual(["created"]);
  });
});
