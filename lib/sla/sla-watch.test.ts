import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { incidentRoles, notifications, slaCrossings, timelineEntries, users, type Incident } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { changeIncidentStatus, createIncident } from "@/lib/incidents";
import { insertWorkspace } from "@/lib/workspaces/queries";
import { listSlaAlerts } from "./queries";
import { findCrossings, watchSla } from "./watch";
import { DEFAULT_SLA_POLICY } from "@/lib/incidents/sla";

let t: TestDatabase;
let alice: Actor;

beforeAll(async () => {
  t = await createTestDatabase();
  const ws = await insertWorkspace(t.db, { slug: "sla", name: "SLA" });
  alice = { kind: "user", id: "u-alice", name: "Alice", workspaceId: ws.id, role: "responder" };
}, 120_000);

afterAll(async () => {
  await t?.drop();
});

async function p0(title: string): Promise<Incident> {
  const r = await createIncident(t.db, alice, { title, service: "checkout", severity: "P0" });
  if (!r.ok) throw new Error(r.error);
  return r.data;
}

const after = (i: Incident, minutes: number) => new Date(i.createdAt.getTime() + minutes * 60_000);

async function slaEntries(incidentId: string) {
  const rows = await t.db.select().from(timelineEntries).where(and(eq(timelineEntries.incidentId, incidentId), eq(timelineEntries.kind, "system")));
  return rows.filter((r) => r.data && "sla" in r.data).map((r) => r.data.sla as { clock: string; level: string });
}

describe("findCrossings (pure arithmetic)", () => {
  const base = { id: "i", workspaceId: "w", severity: "P0" as const, status: "triage", createdAt: new Date("2026-12-01T10:00:00Z"), acknowledgedAt: null, resolvedAt: null };
  const at = (m: number) => new Date(base.createdAt.getTime() + m * 60_000);

  it("turns amber at 75 % of the P0 response target (11 min 15 s) and red after 15 min", () => {
    expect(findCrossings(base, DEFAULT_SLA_POLICY, at(11))).toEqual([]);
    const amber = findCrossings(base, DEFAULT_SLA_POLICY, at(11.25));
    expect(amber.map((c) => `${c.clock}:${c.level}`)).toEqual(["response:warning"]);
    expect(amber[0].crossedAt).toEqual(at(11.25));
    expect(findCrossings(base, DEFAULT_SLA_POLICY, at(15)).map((c) => c.level)).toEqual(["warning"]);
    const red = findCrossings(base, DEFAULT_SLA_POLICY, at(15.01));
    expect(red.map((c) => `${c.clock}:${c.level}`)).toEqual(["response:warning", "response:breach"]);
    expect(red[1].crossedAt).toEqual(at(15));
  });

  it("stops the response clock at acknowledgement and crosses nothing once resolved", () => {
    const acked = { ...base, status: "investigating", acknowledgedAt: at(5) };
    expect(findCrossings(acked, DEFAULT_SLA_POLICY, at(100)).map((c) => `${c.clock}:${c.level}`)).toEqual(["resolution:warning"]);
    const resolved = { ...base, status: "resolved", acknowledgedAt: at(5), resolvedAt: at(300) };
    expect(findCrossings(resolved, DEFAULT_SLA_POLICY, at(1000))).toEqual([]);
  });
});

describe("watchSla", () => {
  it("writes exactly one timeline entry per crossing, however often it runs", async () => {
    const inc = await p0("Checkout down");
    expect((await watchSla(t.db, { now: after(inc, 10), workspaceId: alice.workspaceId })).recorded).toBe(0);
    expect((await watchSla(t.db, { now: after(inc, 12), workspaceId: alice.workspaceId })).recorded).toBe(1);
    await watchSla(t.db, { now: after(inc, 13), workspaceId: alice.workspaceId });
    expect(await slaEntries(inc.id)).toEqual([expect.objectContaining({ clock: "response", level: "warning" })]);
    await Promise.all([16, 17, 18].map((m) => watchSla(t.db, { now: after(inc, m), workspaceId: alice.workspaceId })));
    await watchSla(t.db, { now: after(inc, 20), workspaceId: alice.workspaceId });
    const entries = await slaEntries(inc.id);
    expect(entries.map((e) => `${e.clock}:${e.level}`).sort()).toEqual(["response:breach", "response:warning"]);
    const alerts = await listSlaAlerts(t.db, alice.workspaceId);
    expect(alerts.find((a) => a.incidentId === inc.id)).toMatchObject({ level: "breach", clock: "response" });
  });

  it("writes nothing after the incident is resolved, and the board badge goes away", async () => {
    const inc = await p0("Payments down");
    await watchSla(t.db, { now: after(inc, 12), workspaceId: alice.workspaceId });
    const resolved = await changeIncidentStatus(t.db, alice, inc.id, { status: "resolved" });
    expect(resolved.ok).toBe(true);
    await watchSla(t.db, { now: after(inc, 500), workspaceId: alice.workspaceId });
    expect((await slaEntries(inc.id)).length).toBe(1);
    const rows = await t.db.select().from(slaCrossings).where(eq(slaCrossings.incidentId, inc.id));
    expect(rows.length).toBe(1);
    expect((await listSlaAlerts(t.db, alice.workspaceId)).some((a) => a.incidentId === inc.id)).toBe(false);
  });

  it("follows the workspace's own targets", async () => {
    const { workspaces } = await import("@/db/schema");
    await t.db.update(workspaces).set({ settings: { sla: { ...DEFAULT_SLA_POLICY, P0: { responseMinutes: 4, resolutionMinutes: 120 } } } }).where(eq(workspaces.id, alice.workspaceId));
    const inc = await p0("Search down");
    await watchSla(t.db, { now: after(inc, 5), workspaceId: alice.workspaceId });
    expect((await slaEntries(inc.id)).map((e) => `${e.clock}:${e.level}`).sort()).toEqual(["response:breach", "response:warning"]);
  });
});

describe("a breach tells the people on the incident", () => {
  it("puts one sla_breach notification per breached clock in the lead's inbox, none before, none twice", async () => {
    const incident = await p0("Lead hears of the breach");
    const [lead] = await t.db.insert(users).values({ name: "Lena Lead", email: `lena-${Date.now()}@example.com` }).returning();
    await t.db.insert(incidentRoles).values({ workspaceId: incident.workspaceId, incidentId: incident.id, role: "lead", userId: lead.id, assignedByKind: "system", assignedByName: "test" });
    const inbox = async () => (await t.db.select().from(notifications).where(eq(notifications.userId, lead.id))).filter((n) => n.incidentId === incident.id);

    await watchSla(t.db, { now: after(incident, 1), workspaceId: incident.workspaceId });
    expect(await inbox()).toHaveLength(0);
    // Days later both clocks (response, resolution) have breached: one notice each, and a second run adds none.
    await watchSla(t.db, { now: after(incident, 10_000), workspaceId: incident.workspaceId });
    await watchSla(t.db, { now: after(incident, 10_001), workspaceId: incident.workspaceId });
    const got = await inbox();
    expect(got.map((n) => n.title).sort()).toEqual([`INC-${incident.number}: resolution SLA breached`, `INC-${incident.number}: response SLA breached`]);
    expect(got.every((n) => n.event === "sla_breach")).toBe(true);
  });
});
