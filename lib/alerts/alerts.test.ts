import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { and, eq, isNull, sql } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { insertWorkspace } from "@/lib/workspaces/queries";
import { events, incidents, suppressedSignals } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { changeIncidentStatus } from "@/lib/incidents/change-status";
import { ingestEvents } from "@/lib/intake/ingest-events";
import { ingestAlertmanager, ingestPagerDuty } from "@/lib/intake/ingest-integrations";
import { queryRows } from "@/db/client";
import { createSilence, expireSilence, listSilences } from "./silences";
import { activeMaintenanceWindows, createMaintenanceWindow, maintenanceEndedBefore } from "./maintenance";
import { listSignals } from "./signals";
import { forgetSuppressions, windowOccurrenceAt } from "./suppression";

let t: TestDatabase;
let key: Actor;
let person: Actor;
let viewer: Actor;
let n = 0;
const svc = (label: string) => `${label}-${++n}`;
const fixture = (name: string) => JSON.parse(readFileSync(path.join(import.meta.dirname, "..", "intake", "fixtures", name), "utf8"));

beforeAll(async () => {
  t = await createTestDatabase();
  const ws = await insertWorkspace(t.db, { slug: "alerts", name: "Alerts" });
  key = { kind: "api_key", id: "k-1", name: "API key monitoring", workspaceId: ws.id, role: "admin", scopes: ["ingest"] };
  person = { kind: "user", id: "u-1", name: "Ada", workspaceId: ws.id, role: "responder" };
  viewer = { kind: "user", id: "u-2", name: "Vic", workspaceId: ws.id, role: "viewer" };
}, 180_000);

afterAll(async () => {
  await t?.drop();
});

const NOW = Date.now();
const iso = (offsetMs: number) => new Date(NOW + offsetMs).toISOString();
const MIN = 60_000;
const errors = (service: string, atMs: number, count = 5, message = "gateway timeout") =>
  Array.from({ length: count }, (_, i) => ({ service, level: "error", message, timestamp: iso(atMs + i * 1000) }));

async function ok<T>(p: Promise<{ ok: true; data: T } | { ok: false; error: string }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(r.error);
  return r.data;
}
const incidentsOf = (service: string) => t.db.select().from(incidents).where(and(eq(incidents.workspaceId, key.workspaceId), eq(incidents.service, service)));
const unlinkedEvents = (service: string) =>
  t.db.select().from(events).where(and(eq(events.workspaceId, key.workspaceId), eq(events.service, service), isNull(events.incidentId)));

function notification(s: string, fingerprintPrefix = s) {
  const body = fixture("alertmanager-firing.json");
  body.groupKey = `{}:{alertname="HighErrorRate", service="${s}"}`;
  body.commonLabels.service = s;
  body.groupLabels.service = s;
  for (const [i, a] of (body.alerts as Record<string, unknown>[]).entries()) {
    (a.labels as Record<string, string>).service = s;
    a.fingerprint = `${fingerprintPrefix}-${i}`;
    a.startsAt = iso(-10 * MIN);
  }
  return body;
}

describe("silences", () => {
  it("hold events inside their bounds: recorded, unlinked, no incident; the same events after the end open one", async () => {
    const s = svc("silenced");
    await ok(createSilence(t.db, person, { matcher: { service: s }, starts_at: iso(-30 * MIN), ends_at: iso(-10 * MIN), reason: "deploy" }));
    // Inside [start, end): held.
    const inside = await ok(ingestEvents(t.db, key, errors(s, -20 * MIN)));
    expect(inside).toMatchObject({ accepted: 5, incidents: [], suppressed: 5 });
    expect(await incidentsOf(s)).toHaveLength(0);
    expect(await unlinkedEvents(s)).toHaveLength(5);
    // Just before the start and at the end: not held (the end is exclusive).
    const before = await ok(ingestEvents(t.db, key, [{ service: s, level: "info", message: "before", timestamp: iso(-30 * MIN - 1) }]));
    expect(before.suppressed).toBeUndefined();
    const atEnd = await ok(ingestEvents(t.db, key, errors(s, -10 * MIN)));
    expect(atEnd.suppressed).toBeUndefined();
    expect(atEnd.incidents).toHaveLength(1);
    expect(await incidentsOf(s)).toHaveLength(1);
  });

  it("hold only what the matcher names: another service, source, label or text goes through", async () => {
    const s = svc("matcher");
    const other = svc("matcher-other");
    await ok(createSilence(t.db, person, { matcher: { service: s, labels: { region: "eu" }, text: "TIMEOUT" }, duration_minutes: 60, reason: "noisy" }));
    const e = (service: string, region: string, message: string) => ({ service, level: "info", message, attributes: { region } });
    const r = await ok(ingestEvents(t.db, key, [e(s, "eu", "gateway timeout"), e(s, "us", "gateway timeout"), e(s, "eu", "disk full"), e(other, "eu", "gateway timeout")]));
    expect(r).toMatchObject({ accepted: 4, suppressed: 1 });
    const [held] = await t.db.select().from(suppressedSignals).where(eq(suppressedSignals.service, s));
    expect(held).toMatchObject({ kind: "silence", source: "generic", notifications: 1, title: "gateway timeout" });
    // The matcher's source must match too.
    const src = svc("by-source");
    await ok(createSilence(t.db, person, { matcher: { service: src, source: "alertmanager" }, duration_minutes: 60, reason: "am only" }));
    const generic = await ok(ingestEvents(t.db, key, [{ service: src, level: "info", message: "x" }]));
    expect(generic.suppressed).toBeUndefined();
  });

  it("hold a firing Alertmanager alert: recorded as a silenced signal that opens nothing, re-notifications only counted", async () => {
    const s = svc("am");
    await ok(createSilence(t.db, person, { matcher: { service: s, labels: { alertname: "HighErrorRate" } }, duration_minutes: 30, reason: "known" }));
    const first = await ok(ingestAlertmanager(t.db, key, notification(s)));
    expect(first).toMatchObject({ incident: null, suppressed: 2, recorded: 2 });
    const again = await ok(ingestAlertmanager(t.db, key, notification(s)));
    expect(again).toMatchObject({ incident: null, suppressed: 2, recorded: 0, duplicate: true });
    expect(await incidentsOf(s)).toHaveLength(0);
    expect(await unlinkedEvents(s)).toHaveLength(2);
    const page = await listSignals(t.db, viewer, { service: s });
    expect(page.items.map((i) => [i.state, i.notifications, i.incident])).toEqual([
      ["silenced", 2, null],
      ["silenced", 2, null],
    ]);
    expect(page.items[0].suppressedBy?.kind).toBe("silence");
  });

  it("once expired, stay listed as expired and hold nothing more", async () => {
    const s = svc("expire");
    const silence = await ok(createSilence(t.db, person, { matcher: { service: s }, duration_minutes: 30, reason: "short" }));
    expect(silence.state).toBe("active");
    const expired = await ok(expireSilence(t.db, person, silence.id));
    expect(expired.state).toBe("expired");
    const list = await listSilences(t.db, viewer);
    expect(list.find((x) => x.id === silence.id)?.state).toBe("expired");
    const r = await ok(ingestAlertmanager(t.db, key, notification(s)));
    expect(r.incident?.status).toBe("created");
  });

  it("hold a PagerDuty trigger", async () => {
    const s = svc("pd");
    await ok(createSilence(t.db, person, { matcher: { service: s }, duration_minutes: 30, reason: "pd" }));
    const body = fixture("pagerduty-trigger.json");
    body.payload.component = s;
    body.dedup_key = `dk-${s}`;
    const r = await ok(ingestPagerDuty(t.db, key, body));
    expect(r).toMatchObject({ incident: null, suppressed: true });
    expect(await incidentsOf(s)).toHaveLength(0);
    expect(await unlinkedEvents(s)).toHaveLength(1);
  });

  it("refuse bad input with the field named, and viewers", async () => {
    const bad = await createSilence(t.db, person, { matcher: {}, duration_minutes: 10, reason: "x" });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(JSON.stringify(bad)).toContain("matcher");
    const noEnd = await createSilence(t.db, person, { matcher: { service: "a" }, reason: "x" });
    expect(!noEnd.ok && JSON.stringify(noEnd)).toContain("ends_at");
    const backwards = await createSilence(t.db, person, { matcher: { service: "a" }, starts_at: iso(0), ends_at: iso(-1), reason: "x" });
    expect(!backwards.ok && JSON.stringify(backwards)).toContain("ends_at");
    const nul = await createSilence(t.db, person, { matcher: { service: "a\u0000" }, duration_minutes: 10, reason: "x" });
    expect(!nul.ok && JSON.stringify(nul)).toContain("NUL");
    const denied = await createSilence(t.db, viewer, { matcher: { service: "a" }, duration_minutes: 10, reason: "x" });
    expect(denied.ok).toBe(false);
    const missing = await expireSilence(t.db, person, "00000000-0000-0000-0000-000000000000");
    expect(!missing.ok && missing.error).toBeTruthy();
  });
});

describe("maintenance windows", () => {
  it("record events of their services but open no incident; the first incident after the end says so", async () => {
    const s = svc("maint");
    const other = svc("maint-other");
    await ok(createMaintenanceWindow(t.db, person, { services: [s], starts_at: iso(-40 * MIN), ends_at: iso(-20 * MIN), reason: "DB upgrade" }));
    const inside = await ok(ingestEvents(t.db, key, errors(s, -30 * MIN)));
    expect(inside).toMatchObject({ incidents: [], suppressed: 5 });
    const elsewhere = await ok(ingestEvents(t.db, key, errors(other, -30 * MIN)));
    expect(elsewhere.incidents).toHaveLength(1);
    const [held] = await t.db.select().from(suppressedSignals).where(eq(suppressedSignals.service, s));
    expect(held.kind).toBe("maintenance");
    const after = await ok(ingestEvents(t.db, key, errors(s, -15 * MIN)));
    expect(after.incidents).toHaveLength(1);
    const note = await maintenanceEndedBefore(t.db, viewer, s, new Date(NOW - 15 * MIN));
    expect(note?.window.reason).toBe("DB upgrade");
    expect(await maintenanceEndedBefore(t.db, viewer, other, new Date(NOW - 15 * MIN))).toBeNull();
  });

  it("without services cover every service, and show on the board while active", async () => {
    const a = svc("all-a");
    const b = svc("all-b");
    const w = await ok(createMaintenanceWindow(t.db, person, { starts_at: iso(-5 * MIN), ends_at: iso(5 * MIN), reason: "network change" }));
    const r = await ok(ingestEvents(t.db, key, [...errors(a, -MIN), ...errors(b, -MIN)]));
    expect(r).toMatchObject({ incidents: [], suppressed: 10 });
    expect((await activeMaintenanceWindows(t.db, viewer)).map((x) => x.id)).toContain(w.id);
    // A drill is not production: the simulator's synthetic events are not held.
    const drill = await ok(ingestEvents(t.db, key, errors(svc("drill"), -MIN), { source: "simulator", incidentType: "synthetic" }));
    expect(drill.suppressed).toBeUndefined();
    await t.db.execute(sql`delete from maintenance_windows where id = ${w.id}`);
    forgetSuppressions(key.workspaceId);
  });

  it("recur daily and weekly from their first occurrence until their end date", () => {
    const start = new Date("2026-01-05T02:00:00Z");
    const w = { startsAt: start, endsAt: new Date("2026-01-05T03:00:00Z"), recurrence: "daily" as const, recurrenceUntil: new Date("2026-01-10T00:00:00Z") };
    expect(windowOccurrenceAt(w, new Date("2026-01-07T02:30:00Z"))?.start.toISOString()).toBe("2026-01-07T02:00:00.000Z");
    expect(windowOccurrenceAt(w, new Date("2026-01-07T03:00:00Z"))).toBeNull();
    expect(windowOccurrenceAt(w, new Date("2026-01-05T01:59:59Z"))).toBeNull();
    expect(windowOccurrenceAt(w, new Date("2026-01-11T02:30:00Z"))).toBeNull();
    const weekly = { ...w, recurrence: "weekly" as const, recurrenceUntil: null };
    expect(windowOccurrenceAt(weekly, new Date("2026-01-12T02:10:00Z"))).not.toBeNull();
    expect(windowOccurrenceAt(weekly, new Date("2026-01-13T02:10:00Z"))).toBeNull();
  });

  it("refuse a window that ends before it starts or outlasts its period", async () => {
    const r = await createMaintenanceWindow(t.db, person, { starts_at: iso(0), ends_at: iso(-MIN), reason: "x" });
    expect(!r.ok && JSON.stringify(r)).toContain("ends_at");
    const long = await createMaintenanceWindow(t.db, person, { starts_at: iso(0), ends_at: iso(25 * 60 * MIN), recurrence: "daily", reason: "x" });
    expect(!long.ok && JSON.stringify(long)).toContain("daily");
  });
});

describe("the alerts list", () => {
  it("lists alert signals with their incident, keys that opened incidents, and held signals; pages by keyset without gaps or repeats", async () => {
    const s = svc("list");
    const opened = await ok(ingestAlertmanager(t.db, key, notification(s)));
    await ok(changeIncidentStatus(t.db, person, opened.incident!.id, { status: "resolved" }));
    const all = await listSignals(t.db, viewer, { limit: 200 });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listSignals(t.db, viewer, { limit: 3, cursor });
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(all.items.map((i) => i.id));
    expect(new Set(seen).size).toBe(seen.length);
    const mine = all.items.filter((i) => i.service === s);
    expect(mine).toHaveLength(2);
    expect(mine[0].incident?.number).toBe(opened.incident!.number);
    expect(all.items.some((i) => i.id.startsWith("i:") && i.source === "generic")).toBe(true);
    expect(all.items.some((i) => i.state === "silenced")).toBe(true);
  });

  it("filters by state, source, service and text on the server", async () => {
    const silenced = await listSignals(t.db, viewer, { state: "silenced", limit: 200 });
    expect(silenced.items.length).toBeGreaterThan(0);
    expect(silenced.items.every((i) => i.state === "silenced")).toBe(true);
    const am = await listSignals(t.db, viewer, { source: "alertmanager", limit: 200 });
    expect(am.items.every((i) => i.source === "alertmanager")).toBe(true);
    const text = await listSignals(t.db, viewer, { q: "gateway TIMEOUT", limit: 200 });
    expect(text.items.length).toBeGreaterThan(0);
    expect(text.items.every((i) => i.title.toLowerCase().includes("gateway timeout"))).toBe(true);
    await expect(listSignals(t.db, viewer, { cursor: "garbage" })).rejects.toThrow(/cursor/);
    await expect(listSignals(t.db, viewer, { state: "open" })).rejects.toThrow();
  });

  it("reads each kind of row through its index on first-seen time", async () => {
    const plan = async (q: ReturnType<typeof sql>) => (await queryRows<{ "QUERY PLAN": string }>(t.db, q)).map((r) => r["QUERY PLAN"]).join("\n");
    await t.db.execute(sql`set enable_seqscan = off`);
    try {
      const a = await plan(sql`explain select id from alert_signals s where s.workspace_id = ${key.workspaceId}::uuid
        order by coalesce(s.starts_at, '2000-01-01T00:00:00Z'::timestamptz) desc, s.id desc limit 51`);
      expect(a).toContain("alert_signals_workspace_starts_idx");
      const g = await plan(sql`explain select id from suppressed_signals g where g.workspace_id = ${key.workspaceId}::uuid order by g.first_seen_at desc, g.id desc limit 51`);
      expect(g).toContain("suppressed_signals_workspace_first_idx");
    } finally {
      await t.db.execute(sql`set enable_seqscan = on`);
    }
  });
});
