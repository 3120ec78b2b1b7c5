import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { insertWorkspace } from "@/lib/workspaces/queries";
import { alertSignals, events, incidents, incidentStatusHistory } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { ingestAlertmanager, ingestGrafana, ingestPagerDuty } from "./ingest-integrations";

const fixture = (name: string) => JSON.parse(readFileSync(path.join(import.meta.dirname, "fixtures", name), "utf8"));

let t: TestDatabase;
let key: Actor;

beforeAll(async () => {
  t = await createTestDatabase();
  const ws = await insertWorkspace(t.db, { slug: "acme", name: "Acme" });
  key = { kind: "api_key", id: "k-1", name: "API key monitoring", workspaceId: ws.id, role: "admin", scopes: ["ingest"] };
});

afterAll(async () => {
  await t?.drop();
});

async function incidentsBySource(source: string) {
  return t.db.select().from(incidents).where(and(eq(incidents.workspaceId, key.workspaceId), eq(incidents.source, source)));
}
async function history(incidentId: string) {
  return t.db.select().from(incidentStatusHistory).where(eq(incidentStatusHistory.incidentId, incidentId)).orderBy(incidentStatusHistory.createdAt);
}
type Labels = Record<string, string>;
/**
 * A fixture made its own group: its group key, and a service and alert fingerprints no other test
 * uses (a firing group joins its service's open incident, and alerts are judged by fingerprint
 * against their latest record in any incident).
 */
function group(name: string, groupKey: string) {
  const body = fixture(name);
  const alerts = body.alerts as { labels: Labels; fingerprint: string }[];
  for (const m of [body.commonLabels, body.groupLabels, ...alerts.map((a) => a.labels)] as (Labels | undefined)[]) {
    if (m?.service) m.service = `${m.service}-${groupKey}`;
  }
  for (const a of alerts) a.fingerprint = `${a.fingerprint}-${groupKey}`;
  return { ...body, groupKey };
}

describe("Alertmanager", () => {
  it("opens one incident per group on the first firing notification, keeping the raw alerts", async () => {
    const r = await ingestAlertmanager(t.db, key, group("alertmanager-firing.json", "am-1"));
    if (!r.ok) throw new Error(r.error);
    expect(r.data).toMatchObject({ accepted: 2, firing: 2, resolved: 0, duplicate: false, incident: { status: "created" } });
    const [inc] = (await incidentsBySource("alertmanager")).filter((i) => i.id === r.data.incident?.id);
    expect(inc.title).toBe("HighErrorRate: High 5xx rate on checkout");
    expect(inc.service).toBe("checkout-am-1");
    expect(inc.team).toBe("payments");
    expect(inc.severity).toBe("P0");
    expect(inc.eventCount).toBe(2);
    expect(inc.metadata.runbook_urls).toEqual(["https://runbooks.example.com/checkout/high-error-rate"]);
    const rows = await t.db.select().from(events).where(eq(events.incidentId, inc.id));
    expect(rows.map((e) => (e.raw as { fingerprint: string }).fingerprint).sort()).toEqual(["6f2ce4d3a1b07e55-am-1", "a90c1e7724d3f810-am-1"]);
    expect(rows.every((e) => e.source === "alertmanager" && e.level === "CRITICAL")).toBe(true);
  });

  it("counts a retried identical body once", async () => {
    const body = group("alertmanager-firing.json", "am-retry");
    const first = await ingestAlertmanager(t.db, key, body);
    const again = await ingestAlertmanager(t.db, key, structuredClone(body));
    expect(first.ok && again.ok).toBe(true);
    if (!first.ok || !again.ok) return;
    expect(again.data.duplicate).toBe(true);
    expect(again.data.incident?.id).toBe(first.data.incident?.id);
    const [inc] = await t.db.select().from(incidents).where(eq(incidents.id, first.data.incident!.id));
    expect(inc.eventCount).toBe(2);
  });

  it("handles mixed firing/resolved and unknown fields, then resolves the incident by Alertmanager when all alerts resolve", async () => {
    const created = await ingestAlertmanager(t.db, key, group("alertmanager-firing.json", "am-2"));
    if (!created.ok) throw new Error(created.error);
    const id = created.data.incident!.id;
    const mixed = await ingestAlertmanager(t.db, key, group("alertmanager-mixed.json", "am-2"));
    expect(mixed.ok && mixed.data).toMatchObject({ firing: 1, resolved: 1, incident: { id, status: "attached" } });
    const signals = await t.db.select().from(alertSignals).where(eq(alertSignals.incidentId, id));
    expect(Object.fromEntries(signals.map((s) => [s.signalKey, s.status]))).toEqual({ "6f2ce4d3a1b07e55-am-2": "firing", "a90c1e7724d3f810-am-2": "resolved" });
    expect(signals.find((s) => s.signalKey === "6f2ce4d3a1b07e55-am-2")?.endsAt).toBeNull(); // zero endsAt = still firing

    const resolved = await ingestAlertmanager(t.db, key, group("alertmanager-resolved.json", "am-2"));
    expect(resolved.ok && resolved.data.incident).toMatchObject({ id, status: "resolved" });
    const [inc] = await t.db.select().from(incidents).where(eq(incidents.id, id));
    expect(inc.status).toBe("resolved");
    // Events only for what changed: 2 new alerts, the mixed body's 2 changes, then the first alert
    // resolving (the second's repeated resolve is only counted on its signal).
    expect(inc.eventCount).toBe(5);
    const last = (await history(id)).at(-1)!;
    expect([last.toStatus, last.actorName]).toEqual(["resolved", "Alertmanager"]);
  });

  it("keeps the incident open while an alert the body does not name still fires", async () => {
    const created = await ingestAlertmanager(t.db, key, group("alertmanager-firing.json", "am-partial"));
    if (!created.ok) throw new Error(created.error);
    const id = created.data.incident!.id;
    const resolved = group("alertmanager-resolved.json", "am-partial");
    // Alertmanager may send only the alerts that changed: first one of the two resolves, then the other.
    const first = await ingestAlertmanager(t.db, key, { ...resolved, alerts: [resolved.alerts[0]] });
    expect(first.ok && first.data.incident).toMatchObject({ id, status: "attached" });
    expect((await t.db.select().from(incidents).where(eq(incidents.id, id)))[0].status).toBe("triage");
    const second = await ingestAlertmanager(t.db, key, { ...resolved, alerts: [resolved.alerts[1]] });
    expect(second.ok && second.data.incident).toMatchObject({ id, status: "resolved" });
    expect((await t.db.select().from(incidents).where(eq(incidents.id, id)))[0].status).toBe("resolved");
  });

  it("never opens anything for resolved alerts alone", async () => {
    const before = (await incidentsBySource("alertmanager")).length;
    const r = await ingestAlertmanager(t.db, key, group("alertmanager-resolved.json", "am-only-resolved"));
    expect(r.ok && r.data.incident).toBeNull();
    expect((await incidentsBySource("alertmanager")).length).toBe(before);
  });

  it("opens a new incident when the group fires again after it was resolved", async () => {
    const a = await ingestAlertmanager(t.db, key, group("alertmanager-firing.json", "am-3"));
    await ingestAlertmanager(t.db, key, group("alertmanager-resolved.json", "am-3"));
    const refire = group("alertmanager-firing.json", "am-3");
    refire.alerts[0].startsAt = "2026-11-20T11:00:00.000Z";
    const b = await ingestAlertmanager(t.db, key, refire);
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(b.data.incident?.status).toBe("created");
    expect(b.data.incident?.id).not.toBe(a.data.incident?.id);
  });

  it("rejects a payload that is not an Alertmanager webhook with a 422 naming the fields", async () => {
    const r = await ingestAlertmanager(t.db, key, { hello: "world" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe("unprocessable:payload");
    expect(r.issues?.map((i) => i.path).sort()).toEqual(["alerts", "groupKey"]);
  });
});

describe("Alertmanager under concurrency", () => {
  it("writes notifications of one group sent together in order: firing, then resolved", async () => {
    const [fired, done] = await Promise.all([
      ingestAlertmanager(t.db, key, group("alertmanager-firing.json", "am-together"), { coalesce: true }),
      ingestAlertmanager(t.db, key, group("alertmanager-resolved.json", "am-together"), { coalesce: true }),
    ]);
    if (!fired.ok || !done.ok) throw new Error("ingest failed");
    expect(fired.data.incident?.status).toBe("created");
    expect(done.data.incident).toMatchObject({ id: fired.data.incident!.id, status: "resolved" });
    const [inc] = await t.db.select().from(incidents).where(eq(incidents.id, fired.data.incident!.id));
    expect(inc.status).toBe("resolved");
  });

  it("counts identical bodies sent at the same moment once", async () => {
    const body = group("alertmanager-firing.json", "am-twice");
    const [a, b] = await Promise.all([ingestAlertmanager(t.db, key, body, { coalesce: true }), ingestAlertmanager(t.db, key, structuredClone(body), { coalesce: true })]);
    if (!a.ok || !b.ok) throw new Error("ingest failed");
    expect([a.data.duplicate, b.data.duplicate]).toEqual([false, true]);
    expect(b.data.incident?.id).toBe(a.data.incident?.id);
    const [inc] = await t.db.select().from(incidents).where(eq(incidents.id, a.data.incident!.id));
    expect(inc.eventCount).toBe(2);
  });

  it("opens one incident when separate transactions race on a new group", async () => {
    const bodies = Array.from({ length: 8 }, (_, i) => {
      const b = group("alertmanager-firing.json", "am-race");
      b.alerts[0].startsAt = new Date(Date.parse("2026-11-20T10:00:00Z") + i * 1000).toISOString();
      return b;
    });
    const results = await Promise.all(bodies.map((b) => ingestAlertmanager(t.db, key, b, { coalesce: false })));
    expect(results.every((r) => r.ok)).toBe(true);
    const ids = new Set(results.map((r) => (r.ok ? r.data.incident?.id : null)));
    expect(ids.size).toBe(1);
    const created = results.filter((r) => r.ok && r.data.incident?.status === "created");
    expect(created).toHaveLength(1);
    const [inc] = await t.db.select().from(incidents).where(eq(incidents.id, [...ids][0]!));
    // 2 new alerts, then each later body's change of the first alert's start (the second alert,
    // unchanged, is only counted on its signal).
    expect(inc.eventCount).toBe(9);
    const signals = await t.db.select().from(alertSignals).where(eq(alertSignals.incidentId, inc.id));
    expect(signals.map((s) => s.notifications).sort()).toEqual([8, 8]);
  });
});

describe("Grafana", () => {
  it("opens an incident with the runbook URL, values kept on the events, and resolves it", async () => {
    const r = await ingestGrafana(t.db, key, group("grafana-firing.json", "gf-1"));
    if (!r.ok) throw new Error(r.error);
    const id = r.data.incident!.id;
    const [inc] = await t.db.select().from(incidents).where(eq(incidents.id, id));
    expect(inc.source).toBe("grafana");
    expect(inc.service).toBe("payment-service-gf-1");
    expect(inc.severity).toBe("P2");
    expect(inc.metadata.runbook_urls).toEqual(["https://myrunbook.com/runbook/1234"]);
    const evs = await t.db.select().from(events).where(eq(events.incidentId, id));
    expect(evs[0].attributes.values).toEqual({ B: 44.23943737541908, C: 1 });
    const again = await ingestGrafana(t.db, key, group("grafana-firing.json", "gf-1"));
    expect(again.ok && again.data.duplicate).toBe(true);
    const res = await ingestGrafana(t.db, key, group("grafana-resolved.json", "gf-1"));
    expect(res.ok && res.data.incident?.status).toBe("resolved");
    expect((await history(id)).at(-1)?.actorName).toBe("Grafana");
  });
});

describe("PagerDuty", () => {
  const trigger = (dedup: string | undefined) => {
    const body = fixture("pagerduty-trigger.json");
    if (dedup === undefined) delete body.dedup_key;
    else body.dedup_key = dedup;
    return body;
  };

  it("triggers, attaches repeats, acknowledges to Investigating and resolves by dedup key", async () => {
    const first = await ingestPagerDuty(t.db, key, trigger("pd-1"));
    if (!first.ok) throw new Error(first.error);
    expect(first.data.incident?.status).toBe("created");
    const id = first.data.incident!.id;
    const [inc] = await t.db.select().from(incidents).where(eq(incidents.id, id));
    expect([inc.title, inc.service, inc.team, inc.severity]).toEqual(["DISK at 99% on machine prod-datapipe03.example.com", "mysql", "prod-datapipe", "P0"]);
    const repeat = await ingestPagerDuty(t.db, key, trigger("pd-1"));
    expect(repeat.ok && repeat.data.incident).toMatchObject({ id, status: "attached" });
    const ack = await ingestPagerDuty(t.db, key, { event_action: "acknowledge", dedup_key: "pd-1" });
    expect(ack.ok).toBe(true);
    expect((await t.db.select().from(incidents).where(eq(incidents.id, id)))[0].status).toBe("investigating");
    const res = await ingestPagerDuty(t.db, key, { event_action: "resolve", dedup_key: "pd-1" });
    expect(res.ok).toBe(true);
    const after = (await t.db.select().from(incidents).where(eq(incidents.id, id)))[0];
    expect(after.status).toBe("resolved");
    expect(after.eventCount).toBe(4);
    expect((await history(id)).map((h) => [h.toStatus, h.actorName])).toEqual([
      ["triage", "PagerDuty"],
      ["investigating", "PagerDuty"],
      ["resolved", "PagerDuty"],
    ]);

    // After a resolve: ack/resolve change nothing, a new trigger opens a new incident.
    const lateAck = await ingestPagerDuty(t.db, key, { event_action: "acknowledge", dedup_key: "pd-1" });
    expect(lateAck.ok && lateAck.data.incident).toBeNull();
    const again = await ingestPagerDuty(t.db, key, trigger("pd-1"));
    expect(again.ok && again.data.incident?.status).toBe("created");
    expect(again.ok && again.data.incident?.id).not.toBe(id);
  });

  it("generates a dedup key for a trigger without one: a new alert, which joins its service's open incident", async () => {
    const forComponent = (component: string) => {
      const body = trigger(undefined);
      body.payload.component = component;
      return body;
    };
    const a = await ingestPagerDuty(t.db, key, forComponent("pd-gen-a"));
    const b = await ingestPagerDuty(t.db, key, forComponent("pd-gen-b"));
    const c = await ingestPagerDuty(t.db, key, forComponent("pd-gen-a"));
    if (!a.ok || !b.ok || !c.ok) throw new Error("failed");
    expect(a.data.dedupKey).toMatch(/^[0-9a-f]{32}$/);
    expect(a.data.dedupKey).not.toBe(c.data.dedupKey);
    expect(a.data.incident?.id).not.toBe(b.data.incident?.id);
    expect(c.data.incident).toMatchObject({ id: a.data.incident?.id, status: "attached" });
  });

  it("answers acknowledge/resolve for an unknown key and creates nothing", async () => {
    const before = await t.db.select().from(events);
    const r = await ingestPagerDuty(t.db, key, { event_action: "resolve", dedup_key: "never-seen" });
    expect(r.ok && r.data).toEqual({ dedupKey: "never-seen", incident: null });
    expect((await t.db.select().from(events)).length).toBe(before.length);
  });

  it("is a 400 naming a missing or invalid summary, source or severity", async () => {
    const body = trigger("pd-bad");
    delete body.payload.summary;
    body.payload.severity = "urgent";
    body.payload.source = "";
    const r = await ingestPagerDuty(t.db, key, body);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe("bad_request:pagerduty");
    expect(r.issues?.map((i) => i.path).sort()).toEqual(["payload.severity", "payload.source", "payload.summary"]);
  });
});
