import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { agentPlans, diagnoses, incidents, incidentStatusHistory, type NewIncident } from "@/db/schema";
import type { Actor } from "@/lib/auth/shared";
import { insertWorkspace } from "@/lib/workspaces/queries";
import { getAnalyticsSummary } from "./summary";
import { chartTable, toCsv, type AnalyticsSummary } from "./shared";

let t: TestDatabase;
let actor: Actor;
let other: Actor;
const NOW = new Date("2026-11-30T12:00:00Z");
const at = (s: string) => new Date(`2026-11-${s}Z`);
const min = (d: Date, m: number) => new Date(d.getTime() + m * 60_000);
let n = 0;

async function incident(ws: string, v: Partial<NewIncident> & { createdAt: Date }) {
  const [row] = await t.db
    .insert(incidents)
    .values({ workspaceId: ws, number: ++n, title: `incident ${n}`, service: "checkout", team: "payments", severity: "P1", status: "triage", ...v })
    .returning();
  return row;
}

async function summary(input: Record<string, unknown>, who: Actor = actor): Promise<AnalyticsSummary> {
  const r = await getAnalyticsSummary(t.db, who, input, { now: NOW });
  if (!r.ok) throw new Error(r.error);
  return r.data;
}

beforeAll(async () => {
  t = await createTestDatabase();
  const ws = await insertWorkspace(t.db, { slug: "analytics", name: "Analytics" });
  const ws2 = await insertWorkspace(t.db, { slug: "elsewhere", name: "Elsewhere" });
  actor = { kind: "user", id: "u1", name: "Ada", workspaceId: ws.id, role: "viewer" };
  other = { kind: "user", id: "u2", name: "Bo", workspaceId: ws2.id, role: "viewer" };
  const c = at("10T10:00:00");
  // P1 checkout/payments: acknowledged after 10, 20, 30 min; resolved after 60, 120 min; one still open.
  const a = await incident(ws.id, { createdAt: c, acknowledgedAt: min(c, 10), resolvedAt: min(c, 60), status: "resolved", eventCount: 5, source: "alertmanager" });
  await incident(ws.id, { createdAt: c, acknowledgedAt: min(c, 20), resolvedAt: min(c, 120), status: "resolved", eventCount: 3, source: "alertmanager" });
  await incident(ws.id, { createdAt: c, acknowledgedAt: min(c, 30), status: "investigating", eventCount: 1 });
  // Never acknowledged: P2 search/discovery opened on the 12th, still in triage (past its 4 h response target).
  await incident(ws.id, { createdAt: at("12T08:00:00"), severity: "P2", service: "search", team: "discovery", eventCount: 40, source: "grafana" });
  // Resolved without acknowledgement: triage → resolved at once (the write path stamps both at the resolution).
  const d = at("13T08:00:00");
  await incident(ws.id, { createdAt: d, severity: "P0", service: "search", team: "discovery", acknowledgedAt: min(d, 50), resolvedAt: min(d, 50), status: "resolved" });
  // Reopened then resolved again: its last resolution counts (90 min).
  const r = at("14T08:00:00");
  const reopened = await incident(ws.id, { createdAt: r, severity: "P2", service: "cart", team: null, acknowledgedAt: min(r, 5), resolvedAt: min(r, 90), status: "resolved" });
  await t.db.insert(incidentStatusHistory).values([
    { workspaceId: ws.id, incidentId: reopened.id, fromStatus: "triage", toStatus: "resolved", actorKind: "user", actorName: "Ada", createdAt: min(r, 5) },
    { workspaceId: ws.id, incidentId: reopened.id, fromStatus: "resolved", toStatus: "investigating", actorKind: "user", actorName: "Ada", createdAt: min(r, 30) },
    { workspaceId: ws.id, incidentId: reopened.id, fromStatus: "investigating", toStatus: "resolved", actorKind: "user", actorName: "Ada", createdAt: min(r, 90) },
  ]);
  // Spanning the range's edges: opened before the 1st (resolved inside), and opened on the 30th, resolved after the range.
  await incident(ws.id, { createdAt: new Date("2026-10-31T23:00:00Z"), acknowledgedAt: at("01T01:00:00"), resolvedAt: at("01T02:00:00"), status: "resolved" });
  const late = at("29T23:30:00");
  await incident(ws.id, { createdAt: late, acknowledgedAt: min(late, 15), resolvedAt: min(late, 240), status: "resolved" });
  // A drill incident and a synthetic one: never in production figures.
  await incident(ws.id, { createdAt: c, incidentType: "training", generatedBy: "simulator", source: "simulator", acknowledgedAt: min(c, 1), resolvedAt: min(c, 2), status: "resolved" });
  await incident(ws.id, { createdAt: c, incidentType: "synthetic", acknowledgedAt: min(c, 2), status: "investigating" });
  // Another workspace's incident: never counted here.
  await incident(ws2.id, { createdAt: c, acknowledgedAt: min(c, 1) });
  // Diagnoses and plans of the first incident.
  const diag = { workspaceId: ws.id, incidentId: a.id, model: "m", severity: "P1" as const, category: "memory", confidence: 0.8, diagnosis: {}, requestedByName: "x" };
  await t.db.insert(diagnoses).values([
    { ...diag, provider: "offline", totalMs: 100, timeToFirstTokenMs: 10, requestedByKind: "system" },
    { ...diag, provider: "offline", totalMs: 300, timeToFirstTokenMs: 30, requestedByKind: "user" },
    { ...diag, provider: "groq", totalMs: 2000, timeToFirstTokenMs: 400, requestedByKind: "user" },
  ]);
  const plan = { workspaceId: ws.id, incidentId: a.id, targetService: "checkout", mode: "manual" as const, world: "simulated" as const, source: "planner" as const, expiresAt: c, createdByKind: "system" as const, createdByName: "agent" };
  await t.db.insert(agentPlans).values([
    { ...plan, status: "succeeded" },
    { ...plan, status: "failed" },
    { ...plan, status: "rejected" },
    { ...plan, status: "expired" },
  ]);
}, 60_000);

afterAll(async () => {
  await t?.drop();
});

const november = { from: "2026-11-01", to: "2026-11-30" };

describe("analytics summary", () => {
  it("computes median and p90 MTTA and MTTR by severity from fixed data", async () => {
    const s = await summary({ from: "2026-11-01", to: "2026-11-20", severity: "P1" });
    expect(s.totals.incidents).toBe(3);
    expect(s.totals.mtta).toEqual({ count: 3, median: 1200, p90: 1680 });
    expect(s.totals.mttr).toEqual({ count: 2, median: 5400, p90: 6840 });
  });

  it("leaves never-acknowledged incidents out of MTTA and counts them as unacknowledged", async () => {
    const s = await summary({ ...november, service: "search", severity: "P2" });
    expect(s.totals).toMatchObject({ incidents: 1, acknowledged: 0, resolved: 0, unacknowledged: 1 });
    expect(s.totals.mtta.median).toBeNull();
    expect(s.sla.find((r) => r.severity === "P2")).toMatchObject({ responseMet: 0, responseBreached: 1, responsePending: 0, responseAttainment: 0 });
  });

  it("counts an incident resolved without acknowledgement, with its resolution as its response", async () => {
    const s = await summary({ ...november, severity: "P0" });
    expect(s.totals.resolvedWithoutAcknowledgement).toBe(1);
    expect(s.totals.mtta.median).toBe(3000);
    // P0 response target is 15 min: answered after 50 min, breached; resolution (2 h) met.
    expect(s.sla.find((r) => r.severity === "P0")).toMatchObject({ responseBreached: 1, resolutionMet: 1, resolutionAttainment: 1 });
  });

  it("counts a reopened incident once, with its last resolution", async () => {
    const s = await summary({ ...november, service: "cart" });
    expect(s.totals.reopened).toBe(1);
    expect(s.totals.mttr.median).toBe(5400);
    expect(s.byTeam.map((r) => r.key)).toEqual(["(no team)"]);
  });

  it("counts incidents by their opening: one opened before the range is out, one resolved after it is in", async () => {
    const s = await summary(november);
    const all = await summary({ from: "2026-10-01", to: "2026-12-31" });
    expect(all.totals.incidents - s.totals.incidents).toBe(1);
    const last = await summary({ from: "2026-11-29", to: "2026-11-30" });
    expect(last.totals).toMatchObject({ incidents: 1, resolved: 1 });
    expect(last.totals.mttr.median).toBe(240 * 60);
    // Over time, a resolution after the range is not drawn in it.
    expect(last.overTime).toEqual([{ bucket: "2026-11-29", opened: 1, resolved: 0 }]);
  });

  it("excludes drills and synthetic incidents from production figures and shows them in their own view", async () => {
    const prod = await summary(november);
    expect(prod.totals.incidents).toBe(7);
    expect(prod.alertSources.map((r) => r.key)).not.toContain("simulator");
    const drills = await summary({ ...november, view: "drills" });
    expect(drills.totals.incidents).toBe(2);
    expect(drills.totals.mtta.median).toBe(90);
  });

  it("never counts another workspace's incidents", async () => {
    const s = await summary(november, other);
    expect(s.totals.incidents).toBe(1);
  });

  it("groups noisy services and alert sources by incidents and events", async () => {
    const s = await summary(november);
    expect(s.noisyServices[0]).toEqual({ key: "checkout", incidents: 4, events: 9 });
    expect(s.alertSources.find((r) => r.key === "grafana")).toEqual({ key: "grafana", incidents: 1, events: 40 });
  });

  it("reports the diagnosed share, the provider mix with latency, and the agent's approval and success rates", async () => {
    const s = await summary(november);
    expect(s.diagnosis).toMatchObject({ incidents: 7, diagnosed: 1, autoDiagnosed: 1 });
    expect(s.providers).toEqual([
      { provider: "offline", diagnoses: 2, medianMs: 200, p95Ms: 290, medianFirstTokenMs: 20 },
      { provider: "groq", diagnoses: 1, medianMs: 2000, p95Ms: 2000, medianFirstTokenMs: 400 },
    ]);
    expect(s.agent).toMatchObject({ plans: 4, approved: 2, rejected: 1, expired: 1, approvalRate: 0.5, successRate: 0.5 });
  });

  it("buckets incidents over time by day", async () => {
    const s = await summary({ from: "2026-11-10", to: "2026-11-11" });
    expect(s.overTime).toEqual([{ bucket: "2026-11-10", opened: 3, resolved: 2 }]);
  });

  it("refuses a range that ends before it starts, naming the field", async () => {
    const r = await getAnalyticsSummary(t.db, actor, { from: "2026-11-10", to: "2026-11-01" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues?.map((i) => i.path)).toEqual(["to"]);
    const bad = await getAnalyticsSummary(t.db, actor, { severity: "P9", from: "yesterday" });
    if (!bad.ok) expect(bad.issues?.map((i) => i.path).sort()).toEqual(["from", "severity"]);
  });

  it("writes each chart's CSV from the same table the chart draws", async () => {
    const s = await summary(november);
    const table = chartTable(s, "by-service");
    const csv = toCsv(table).trim().split("\r\n");
    expect(csv[0]).toBe(table.columns.join(","));
    expect(csv.length).toBe(s.byService.length + 1);
    expect(csv[1].split(",").slice(0, 2)).toEqual(["checkout", "4"]);
    expect(toCsv({ columns: ["a"], rows: [["x,\"y\""], ["=cmd"], [null]] })).toBe('a\r\n"x,""y"""\r\n\'=cmd\r\n\r\n');
  });
});
