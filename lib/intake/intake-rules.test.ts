import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { and, eq } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { insertWorkspace } from "@/lib/workspaces/queries";
import { alertSignals, events, incidents } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { changeIncidentStatus } from "@/lib/incidents/change-status";
import { createIncident } from "@/lib/incidents/create-incident";
import { updateIncident } from "@/lib/incidents/update-incident";
import { ingestEvents } from "./ingest-events";
import { listIncidentEvents } from "./incident-events";
import { ingestAlertmanager, ingestPagerDuty } from "./ingest-integrations";
import { flushNotificationCounts } from "./repeat-notifications";

// The rules docs/intake.md states: linking independent of how events are cut into requests, one
// incident per service (a hand-opened one included), alerts recorded only when they change, stale
// firing notifications, and high-availability Alertmanager pairs.
let t: TestDatabase;
let key: Actor;
let person: Actor;
let n = 0;
const svc = (label: string) => `${label}-${++n}`;
const fixture = (name: string) => JSON.parse(readFileSync(path.join(import.meta.dirname, "fixtures", name), "utf8"));

beforeAll(async () => {
  t = await createTestDatabase();
  const ws = await insertWorkspace(t.db, { slug: "rules", name: "Rules" });
  key = { kind: "api_key", id: "k-1", name: "API key monitoring", workspaceId: ws.id, role: "admin", scopes: ["ingest"] };
  person = { kind: "user", id: "u-1", name: "Ada", workspaceId: ws.id, role: "admin" };
});

afterAll(async () => {
  await t?.drop();
});

const T0 = Date.now() - 3_600_000;
const at = (s: number) => new Date(T0 + s * 1000).toISOString();
const ev = (service: string, level: string, s: number, message = `${level} at ${s}`) => ({ service, level, message, timestamp: at(s) });

async function incidentsOf(service: string) {
  return t.db.select().from(incidents).where(and(eq(incidents.workspaceId, key.workspaceId), eq(incidents.service, service)));
}
async function linkedMessages(incidentId: string) {
  return (await t.db.select().from(events).where(eq(events.incidentId, incidentId))).map((e) => e.message).sort();
}
async function ok<T>(p: Promise<{ ok: true; data: T } | { ok: false; error: string }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(r.error);
  return r.data;
}

describe("linking does not depend on how a batch is cut", () => {
  const mixed = (s: string) => [
    ev(s, "info", 0),
    ev(s, "info", 1),
    ev(s, "info", 2),
    ev(s, "warning", 3),
    ev(s, "warning", 4),
    ...[5, 6, 7, 8, 9].map((x) => ev(s, "error", x)),
  ];

  it("links the 5 counted errors, not the 5 INFO/WARNING events before them, in one post or two", async () => {
    const one = svc("cut-one");
    await ok(ingestEvents(t.db, key, mixed(one)));
    const two = svc("cut-two");
    const list = mixed(two);
    await ok(ingestEvents(t.db, key, list.slice(0, 5)));
    await ok(ingestEvents(t.db, key, list.slice(5)));
    const [a] = await incidentsOf(one);
    const [b] = await incidentsOf(two);
    expect([a.eventCount, b.eventCount]).toEqual([5, 5]);
    expect(await linkedMessages(a.id)).toEqual(await linkedMessages(b.id));
    expect(await linkedMessages(a.id)).toEqual([5, 6, 7, 8, 9].map((x) => `error at ${x}`).sort());
  });

  it("links what arrives after the crossing event, in the same post or a later one", async () => {
    const one = svc("after-one");
    const list = (s: string) => [...[0, 1, 2, 3, 4].map((x) => ev(s, "error", x)), ev(s, "info", 5), ev(s, "debug", 6)];
    await ok(ingestEvents(t.db, key, list(one)));
    const two = svc("after-two");
    await ok(ingestEvents(t.db, key, list(two).slice(0, 5)));
    await ok(ingestEvents(t.db, key, list(two).slice(5)));
    const [a] = await incidentsOf(one);
    const [b] = await incidentsOf(two);
    expect([a.eventCount, b.eventCount]).toEqual([7, 7]);
  });

  it("gives the same links and counts for any stream of events cut anywhere into requests (property)", async () => {
    const levels = ["debug", "info", "warning", "error", "critical"] as const;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ level: fc.constantFrom(...levels), s: fc.integer({ min: 0, max: 900 }) }), { minLength: 1, maxLength: 14 }),
        fc.array(fc.integer({ min: 1, max: 13 }), { maxLength: 4 }),
        async (stream, cutsRaw) => {
          const whole = svc("prop-whole");
          const cut = svc("prop-cut");
          const messages = stream.map((e, i) => `${i}`);
          await ok(ingestEvents(t.db, key, stream.map((e, i) => ev(whole, e.level, e.s, messages[i]))));
          const cuts = [...new Set(cutsRaw.filter((c) => c < stream.length))].sort((x, y) => x - y);
          let from = 0;
          for (const c of [...cuts, stream.length]) {
            if (c > from) await ok(ingestEvents(t.db, key, stream.slice(from, c).map((e, i) => ev(cut, e.level, e.s, messages[from + i]))));
            from = c;
          }
          const [a] = await incidentsOf(whole);
          const [b] = await incidentsOf(cut);
          expect(!!a).toBe(!!b);
          if (a && b) {
            expect(a.eventCount).toBe(b.eventCount);
            expect(await linkedMessages(a.id)).toEqual(await linkedMessages(b.id));
          }
        },
      ),
      { numRuns: 12, seed: 4242 },
    );
  });
});

describe("one incident per service", () => {
  it("attaches a service's errors to the incident a person opened for it, instead of opening (and paging) a second", async () => {
    const s = svc("by-hand");
    const opened = await ok(createIncident(t.db, person, { title: "Checkout is slow", service: s }));
    const r = await ok(ingestEvents(t.db, key, [0, 1, 2, 3, 4].map((x) => ev(s, "error", x))));
    expect(r.incidents).toEqual([{ id: opened.id, number: opened.number, status: "attached" }]);
    const all = await incidentsOf(s);
    expect(all).toHaveLength(1);
    expect(all[0].eventCount).toBe(5);
    // INFO events of the service join it too (one statement no longer suffices: it has an open incident).
    await ok(ingestEvents(t.db, key, [ev(s, "info", 10)]));
    expect((await incidentsOf(s))[0].eventCount).toBe(6);
  });

  it("keeps drills apart: training events never join a real incident of the service, nor real events a training one", async () => {
    const s = svc("drill");
    const real = await ok(createIncident(t.db, person, { title: "Real outage", service: s }));
    const drill = await ok(ingestEvents(t.db, key, [0, 1, 2, 3, 4].map((x) => ev(s, "error", x)), { source: "simulator", incidentType: "training" }));
    expect(drill.incidents[0].status).toBe("created");
    expect(drill.incidents[0].id).not.toBe(real.id);
    const s2 = svc("drill-hand");
    const training = await ok(createIncident(t.db, person, { title: "Game day", service: s2, incidentType: "training" }));
    const prod = await ok(ingestEvents(t.db, key, [0, 1, 2, 3, 4].map((x) => ev(s2, "error", x))));
    expect(prod.incidents[0].status).toBe("created");
    expect(prod.incidents[0].id).not.toBe(training.id);
  });

  it("leaves an incident that opted out alone: intake opens its own", async () => {
    const s = svc("opt-out");
    const opened = await ok(createIncident(t.db, person, { title: "Planned maintenance", service: s, receivesIntake: false }));
    const r = await ok(ingestEvents(t.db, key, [0, 1, 2, 3, 4].map((x) => ev(s, "error", x))));
    expect(r.incidents[0].status).toBe("created");
    expect(r.incidents[0].id).not.toBe(opened.id);
    // Opting in later (REST PATCH, the incident page) makes it receive events again.
    const other = await ok(createIncident(t.db, person, { title: "Second look", service: svc("opt-in"), receivesIntake: false }));
    await ok(updateIncident(t.db, person, other.id, { version: other.version, receivesIntake: true }));
    const r2 = await ok(ingestEvents(t.db, key, [ev(other.service, "info", 1)]));
    expect(r2.incidents).toEqual([{ id: other.id, number: other.number, status: "attached" }]);
  });

  it("attaches a new Alertmanager group and a PagerDuty trigger of the service to it, without their resolves closing it", async () => {
    const s = svc("hand-alerts");
    const opened = await ok(createIncident(t.db, person, { title: "Payments degraded", service: s }));
    const body = { ...fixture("alertmanager-firing.json"), groupKey: `g-${s}` };
    for (const a of body.alerts) {
      a.labels.service = s;
      a.fingerprint = `${a.fingerprint}-${s}`;
    }
    body.commonLabels.service = s;
    const fired = await ok(ingestAlertmanager(t.db, key, body));
    expect(fired.incident).toMatchObject({ id: opened.id, status: "attached" });
    const resolved = structuredClone(body);
    for (const a of resolved.alerts) {
      a.status = "resolved";
      a.endsAt = new Date().toISOString();
    }
    const done = await ok(ingestAlertmanager(t.db, key, resolved));
    expect(done.incident).toMatchObject({ id: opened.id, status: "attached" });
    const pd = fixture("pagerduty-trigger.json");
    pd.payload.component = s;
    pd.dedup_key = `pd-${s}`;
    expect((await ok(ingestPagerDuty(t.db, key, pd))).incident).toMatchObject({ id: opened.id, status: "attached" });
    await ok(ingestPagerDuty(t.db, key, { event_action: "resolve", dedup_key: `pd-${s}` }));
    const [after] = await t.db.select().from(incidents).where(eq(incidents.id, opened.id));
    expect(after.status).toBe("triage");
    expect(await incidentsOf(s)).toHaveLength(1);
  });
});

/** An Alertmanager notification of one group (its own service and fingerprints), as replica `replica` sends it. */
function notification(s: string, status: "firing" | "resolved", opts: { replica?: string; startsAt?: string; endsAt?: string } = {}) {
  const body = fixture("alertmanager-firing.json");
  body.groupKey = `{}:{alertname="HighErrorRate", service="${s}"}`;
  body.externalURL = `http://${opts.replica ?? "alertmanager-0"}:9093`;
  body.status = status;
  body.commonLabels.service = s;
  body.groupLabels.service = s;
  for (const [i, a] of (body.alerts as Record<string, unknown>[]).entries()) {
    (a.labels as Record<string, string>).service = s;
    a.fingerprint = `${s}-${i}`;
    a.status = status;
    a.startsAt = opts.startsAt ?? at(600);
    a.endsAt = status === "resolved" ? (opts.endsAt ?? at(1200)) : "0001-01-01T00:00:00Z";
  }
  return body;
}

describe("Alertmanager re-notifications and stale notifications", () => {
  it("records an event only when an alert changes; an unchanged re-notification moves last-seen and counts, shown with the incident", async () => {
    const s = svc("renotify");
    const first = await ok(ingestAlertmanager(t.db, key, notification(s, "firing"), { now: new Date(T0 + 700_000) }));
    const id = first.incident!.id;
    for (let i = 1; i <= 3; i++) {
      const again = await ok(ingestAlertmanager(t.db, key, notification(s, "firing"), { now: new Date(T0 + 700_000 + i * 60_000) }));
      expect(again).toMatchObject({ duplicate: true, recorded: 0, incident: { id, status: "attached" } });
    }
    const [inc] = await t.db.select().from(incidents).where(eq(incidents.id, id));
    expect(inc.eventCount).toBe(2);
    const signals = await t.db.select().from(alertSignals).where(eq(alertSignals.incidentId, id));
    expect(signals.map((x) => x.notifications)).toEqual([4, 4]);
    expect(signals.every((x) => x.lastSeenAt.getTime() === T0 + 700_000 + 180_000)).toBe(true);
    const page = await listIncidentEvents(t.db, person, id, {});
    expect(page.total).toBe(2);
    expect(page.signals).toMatchObject({ total: 2, notifications: 8 });

    // A changed annotation is a change: one event for that alert.
    const changed = notification(s, "firing");
    changed.alerts[0].annotations.summary = "Now 40 % of requests";
    const c = await ok(ingestAlertmanager(t.db, key, changed));
    expect(c).toMatchObject({ duplicate: false, recorded: 1 });
  });

  it("treats a high-availability pair (two externalURLs) as one sender: one incident, the second copy only counted, a lagging firing copy stale", async () => {
    const s = svc("ha-pair");
    const a = await ok(ingestAlertmanager(t.db, key, notification(s, "firing", { replica: "am-a" })));
    const b = await ok(ingestAlertmanager(t.db, key, notification(s, "firing", { replica: "am-b" })));
    expect(a.incident?.status).toBe("created");
    expect(b).toMatchObject({ duplicate: true, incident: { id: a.incident!.id, status: "attached" } });
    const id = a.incident!.id;

    // Replica A sends the resolve: the incident is resolved, at the alerts' end (not at receipt).
    const end = new Date().toISOString();
    const resolved = await ok(ingestAlertmanager(t.db, key, notification(s, "resolved", { replica: "am-a", endsAt: end })));
    expect(resolved.incident).toMatchObject({ id, status: "resolved" });
    const [done] = await t.db.select().from(incidents).where(eq(incidents.id, id));
    expect(done.resolvedAt?.toISOString()).toBe(end);

    // Replica B, behind, sends the old firing notification again (not byte-identical: its own
    // externalURL): stale, recorded on the resolved incident, nothing opens.
    const late = await ok(ingestAlertmanager(t.db, key, notification(s, "firing", { replica: "am-b" })));
    expect(late.incident).toBeNull();
    expect(await incidentsOf(s)).toHaveLength(1);
    const staleEvents = (await t.db.select().from(events).where(eq(events.incidentId, id))).filter((e) => e.message.startsWith("[STALE]"));
    expect(staleEvents).toHaveLength(2);
    expect((await t.db.select().from(incidents).where(eq(incidents.id, id)))[0].status).toBe("resolved");

    // B's resolve repeats what A said: counted, no event.
    const bResolved = await ok(ingestAlertmanager(t.db, key, notification(s, "resolved", { replica: "am-b", endsAt: end })));
    expect(bResolved).toMatchObject({ recorded: 0, incident: null });

    // A real new firing (it started after the recorded end) opens a new incident.
    const refire = await ok(ingestAlertmanager(t.db, key, notification(s, "firing", { startsAt: new Date(Date.parse(end) + 1000).toISOString() })));
    expect(refire.incident?.status).toBe("created");
    expect(refire.incident?.id).not.toBe(id);
  });

  it("redelivered a day later (no body-hash memory), an old firing notification after the resolve is still stale", async () => {
    const s = svc("redeliver");
    const body = notification(s, "firing");
    const opened = await ok(ingestAlertmanager(t.db, key, body));
    await ok(ingestAlertmanager(t.db, key, notification(s, "resolved")));
    const again = await ok(ingestAlertmanager(t.db, key, JSON.parse(JSON.stringify(body)), { now: new Date(Date.now() + 25 * 3_600_000) }));
    expect(again.incident).toBeNull();
    expect((await t.db.select().from(incidents).where(eq(incidents.id, opened.incident!.id)))[0].status).toBe("resolved");
  });

  it("does not let a stale firing copy reopen a resolved alert of an incident that is still open", async () => {
    const s = svc("partial-stale");
    const opened = await ok(ingestAlertmanager(t.db, key, notification(s, "firing")));
    const one = notification(s, "resolved");
    one.alerts = [one.alerts[0]];
    await ok(ingestAlertmanager(t.db, key, one));
    const stale = notification(s, "firing", { replica: "am-b" });
    stale.alerts = [stale.alerts[0]];
    const r = await ok(ingestAlertmanager(t.db, key, stale));
    expect(r.incident).toMatchObject({ id: opened.incident!.id, status: "attached" });
    const signals = await t.db.select().from(alertSignals).where(eq(alertSignals.incidentId, opened.incident!.id));
    expect(Object.fromEntries(signals.map((x) => [x.signalKey, x.status]))).toEqual({ [`${s}-0`]: "resolved", [`${s}-1`]: "firing" });
  });

  it("never dates a resolve before the incident opened (the alerts ended before Firedrill heard of them)", async () => {
    const s = svc("resolved-at");
    const opened = await ok(ingestAlertmanager(t.db, key, notification(s, "firing")));
    const [inc] = await t.db.select().from(incidents).where(eq(incidents.id, opened.incident!.id));
    const early = notification(s, "resolved", { endsAt: at(700) });
    await ok(ingestAlertmanager(t.db, key, early));
    const [done] = await t.db.select().from(incidents).where(eq(incidents.id, inc.id));
    // The alerts ended (by Alertmanager's clock) before Firedrill opened the incident: clamped to its creation.
    expect(done.resolvedAt?.getTime()).toBe(inc.createdAt.getTime());
  });
});

describe("unchanged re-notifications answered without a transaction", () => {
  const send = (body: unknown, now?: Date) => {
    const text = JSON.stringify(body);
    return ok(ingestAlertmanager(t.db, key, JSON.parse(text), { bodyText: text, ...(now ? { now } : {}) }));
  };
  const signalsOf = async (incidentId: string) =>
    Object.fromEntries((await t.db.select().from(alertSignals).where(eq(alertSignals.incidentId, incidentId))).map((x) => [x.signalKey, x]));

  it("counts a body this instance already judged unchanged (written within seconds), and judges it again once the group changed", async () => {
    const s = svc("fast");
    const body = notification(s, "firing");
    const id = (await send(body)).incident!.id;
    await send(body); // judged in full: unchanged (remembered)
    for (let i = 0; i < 3; i++) expect(await send(body)).toMatchObject({ duplicate: true, recorded: 0, incident: { id, status: "attached" } });
    await flushNotificationCounts(t.db);
    expect(Object.values(await signalsOf(id)).map((x) => x.notifications)).toEqual([5, 5]);

    // Alert 0 resolves: the group's state moved, so the remembered firing body is judged again — its
    // first alert is now stale (it started before the recorded end) and stays resolved.
    const one = notification(s, "resolved", { endsAt: new Date().toISOString() });
    one.alerts = [one.alerts[0]];
    await send(one);
    const again = await send(body);
    expect(again.incident).toMatchObject({ id, status: "attached" });
    expect(again.recorded).toBe(1);
    await flushNotificationCounts(t.db);
    const signals = await signalsOf(id);
    expect([signals[`${s}-0`].status, signals[`${s}-1`].status]).toEqual(["resolved", "firing"]);
    const msgs = (await t.db.select().from(events).where(eq(events.incidentId, id))).map((e) => e.message);
    expect(msgs.filter((m) => m.startsWith("[STALE]")), msgs.join(" | ")).toHaveLength(1);
  });

  it("remembers both replicas of a high-availability pair, and forgets a group a person resolved", async () => {
    const s = svc("fast-ha");
    const a = notification(s, "firing", { replica: "am-a" });
    const b = notification(s, "firing", { replica: "am-b" });
    const id = (await send(a)).incident!.id;
    for (let i = 0; i < 3; i++) {
      await send(b);
      await send(a);
    }
    await flushNotificationCounts(t.db);
    expect(Object.values(await signalsOf(id)).map((x) => x.notifications)).toEqual([7, 7]);
    await ok(changeIncidentStatus(t.db, person, id, { status: "resolved" }));
    const after = await send(a);
    // The incident is closed: the same firing body is a new occurrence of nothing — it started before
    // no recorded end (none was recorded), so it opens a new incident.
    expect(after.incident?.status).toBe("created");
    expect(after.incident?.id).not.toBe(id);
  });
});

describe("a person resolving the incident", () => {
  it("lets the group open a new incident on its next firing change", async () => {
    const s = svc("person-resolves");
    const opened = await ok(ingestAlertmanager(t.db, key, notification(s, "firing")));
    await ok(changeIncidentStatus(t.db, person, opened.incident!.id, { status: "resolved" }));
    const next = await ok(ingestAlertmanager(t.db, key, notification(s, "firing", { startsAt: at(900) })));
    expect(next.incident?.status).toBe("created");
  });
});
