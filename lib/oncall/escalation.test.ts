import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { escalationPages, escalationRuns, incidents, notifications, oncallCursors, timelineEntries } from "@/db/schema";
import type { Actor } from "@/lib/auth/shared";
import { workspaceWithTeam } from "@/lib/agent/testing/drill";
import { changeIncidentStatus, createIncident, getBoard } from "@/lib/incidents";
import { getInbox } from "@/lib/notifications";
import { acknowledgeIncident, runEscalations } from "./escalation";
import { setIncidentRoles } from "./roles";
import { createPolicy, createSchedule } from "./schedules";
import { incidentOncallView } from "./view";
import { notifyStatusChanges } from "./watch";

let t: TestDatabase;
let admin: Actor;
let responder: Actor;

const MIN = 60_000;

beforeAll(async () => {
  t = await createTestDatabase();
  const team = await workspaceWithTeam(t.db, "oncall");
  admin = team.admin;
  responder = team.responder;
  // Rui is on call (primary, a one-person daily rotation since 2020); Ada is level 2.
  const schedule = await createSchedule(t.db, admin, {
    name: "Primary",
    timeZone: "Europe/Berlin",
    layers: [{ name: "Primary", rotation: "daily", handoffTime: "09:00", handoffDay: 1, startDate: "2020-01-01", members: [responder.id] }],
  });
  if (!schedule.ok) throw new Error(schedule.error);
  const policy = await createPolicy(t.db, admin, {
    name: "Default",
    levels: [
      { targets: [{ type: "schedule", id: schedule.data.id }], timeoutMinutes: 5 },
      { targets: [{ type: "user", id: admin.id }], timeoutMinutes: 10 },
    ],
    businessHours: { timeZone: "UTC", days: [1, 2, 3, 4, 5], start: "09:00", end: "17:00" },
  });
  if (!policy.ok) throw new Error(policy.error);
}, 60_000);

afterAll(async () => {
  await t?.drop();
});

async function open(severity: "P0" | "P1" | "P2" | "P3", title: string) {
  const r = await createIncident(t.db, admin, { title, service: "checkout", severity });
  if (!r.ok) throw new Error(r.error);
  return r.data;
}

const pagesOf = (incidentId: string) => t.db.select().from(escalationPages).where(eq(escalationPages.incidentId, incidentId));
const runOf = async (incidentId: string) => (await t.db.select().from(escalationRuns).where(eq(escalationRuns.incidentId, incidentId)))[0];
const lines = async (incidentId: string) =>
  (await t.db.select().from(timelineEntries).where(eq(timelineEntries.incidentId, incidentId)).orderBy(timelineEntries.createdAt)).map((e) => e.body);

describe("escalation with an injected clock", () => {
  it("pages level 1, then level 2 after the timeout, and an acknowledgement stops it", async () => {
    const incident = await open("P1", "Checkout errors");
    const t0 = new Date(incident.createdAt.getTime() + 1000);
    await runEscalations(t.db, { now: t0 });
    expect((await pagesOf(incident.id)).map((p) => [p.level, p.userId])).toEqual([[0, responder.id]]);
    const inbox = await getInbox(t.db, responder);
    expect(inbox.items[0]).toMatchObject({ event: "paged", incidentId: incident.id, acknowledgeable: true });

    // Before the timeout nothing more happens.
    await runEscalations(t.db, { now: new Date(t0.getTime() + 4 * MIN) });
    expect(await pagesOf(incident.id)).toHaveLength(1);

    await runEscalations(t.db, { now: new Date(t0.getTime() + 5 * MIN) });
    expect((await pagesOf(incident.id)).map((p) => [p.level, p.userId]).sort()).toEqual([
      [0, responder.id],
      [1, admin.id],
    ]);

    const ack = await acknowledgeIncident(t.db, admin, incident.id, { now: new Date(t0.getTime() + 6 * MIN) });
    expect(ack.ok && ack.data.stopped).toBe(true);
    const run = await runOf(incident.id);
    expect(run.status).toBe("acknowledged");
    expect(run.acknowledgedByName).toBe("Ada");
    const [row] = await t.db.select().from(incidents).where(eq(incidents.id, incident.id));
    expect(row.status).toBe("investigating");
    expect(row.acknowledgedAt).not.toBeNull();

    // Long after, with repeat 0 and the ladder stopped, nobody else is paged.
    await runEscalations(t.db, { now: new Date(t0.getTime() + 60 * MIN) });
    expect(await pagesOf(incident.id)).toHaveLength(2);
    const body = await lines(incident.id);
    expect(body.filter((b) => b.startsWith("Paged level"))).toEqual([
      "Paged level 1: Rui. Next level in 5 min unless acknowledged",
      "Paged level 2: Ada. Next level in 10 min unless acknowledged",
    ]);
    expect(body).toContain("Acknowledged by Ada: escalation stopped");
    // Acknowledging again changes nothing.
    const again = await acknowledgeIncident(t.db, admin, incident.id);
    expect(again.ok && again.data.changed).toBe(false);
  });

  it("pages once when two engine instances run the same step at the same time", async () => {
    const incident = await open("P0", "Race");
    const now = new Date(incident.createdAt.getTime() + 1000);
    await Promise.all([runEscalations(t.db, { now }), runEscalations(t.db, { now }), runEscalations(t.db, { now })]);
    expect(await pagesOf(incident.id)).toHaveLength(1);
    const later = new Date(now.getTime() + 5 * MIN);
    await Promise.all([runEscalations(t.db, { now: later }), runEscalations(t.db, { now: later })]);
    expect(await pagesOf(incident.id)).toHaveLength(2);
    const paged = await t.db.select().from(notifications).where(and(eq(notifications.incidentId, incident.id), eq(notifications.event, "paged")));
    expect(paged).toHaveLength(2);
    expect((await lines(incident.id)).filter((b) => b.startsWith("Paged level"))).toHaveLength(2);
  });

  it("gives up after the last level when nobody acknowledges, and stops when the incident leaves triage", async () => {
    const a = await open("P1", "Exhausts");
    const now = a.createdAt.getTime() + 1000;
    for (const m of [0, 5, 15]) await runEscalations(t.db, { now: new Date(now + m * MIN) });
    expect((await runOf(a.id)).status).toBe("exhausted");
    expect(await lines(a.id)).toContain("Escalation exhausted: nobody acknowledged after 2 levels");

    const b = await open("P1", "Moved by hand");
    await runEscalations(t.db, { now: new Date(b.createdAt.getTime() + 1000) });
    await changeIncidentStatus(t.db, responder, b.id, { status: "fixing" });
    await runEscalations(t.db, { now: new Date(b.createdAt.getTime() + 6 * MIN) });
    expect((await runOf(b.id)).status).toBe("acknowledged");
    expect(await pagesOf(b.id)).toHaveLength(1);
  });

  it("holds a P2 until business hours and never pages a P3", async () => {
    const p2 = await open("P2", "Slow search");
    const p3 = await open("P3", "Typo");
    // A Saturday: business hours (Mon–Fri 09–17 UTC) open on Monday.
    const sat = new Date(Math.max(p2.createdAt.getTime(), p3.createdAt.getTime()) + 1000);
    while (sat.getUTCDay() !== 6) sat.setUTCDate(sat.getUTCDate() + 1);
    // The run starts within 24 h of the incident's creation: the incidents were opened that Saturday.
    const saturdayNoon = new Date(Date.UTC(sat.getUTCFullYear(), sat.getUTCMonth(), sat.getUTCDate(), 12));
    await t.db.update(incidents).set({ createdAt: new Date(saturdayNoon.getTime() - 1000) }).where(eq(incidents.id, p2.id));
    await t.db.update(incidents).set({ createdAt: new Date(saturdayNoon.getTime() - 1000) }).where(eq(incidents.id, p3.id));
    await runEscalations(t.db, { now: saturdayNoon });
    const run2 = await runOf(p2.id);
    expect(run2.status).toBe("waiting");
    const monday = new Date(saturdayNoon.getTime() + 2 * 86_400_000 - 3 * 3_600_000); // Monday 09:00 UTC
    expect(run2.nextAt?.toISOString()).toBe(monday.toISOString());
    expect((await runOf(p3.id)).status).toBe("skipped");
    expect((await lines(p3.id)).some((l) => l.startsWith("P3: not paged"))).toBe(true);

    await runEscalations(t.db, { now: new Date(monday.getTime() - MIN) });
    expect(await pagesOf(p2.id)).toHaveLength(0);
    await runEscalations(t.db, { now: monday });
    expect(await pagesOf(p2.id)).toHaveLength(1);
    expect(await pagesOf(p3.id)).toHaveLength(0);
  });
});

describe("roles on an incident", () => {
  it("records a lead handover on the timeline and tells the new holder", async () => {
    const incident = await open("P3", "Roles");
    const first = await setIncidentRoles(t.db, admin, incident.id, { lead: responder.id, scribe: admin.id });
    expect(first.ok).toBe(true);
    const second = await setIncidentRoles(t.db, responder, incident.id, { lead: admin.id, responders: [responder.id] });
    expect(second.ok).toBe(true);
    const body = await lines(incident.id);
    expect(body).toContain("Incident lead: Rui; Scribe: Ada");
    expect(body).toContain("Incident lead: Rui → Ada (handover); Responder Rui joined");
    const view = await incidentOncallView(t.db, admin.workspaceId, incident.id);
    expect(view.roles.map((r) => `${r.role}:${r.name}`).sort()).toEqual(["lead:Ada", "responder:Rui", "scribe:Ada"]);
    const inbox = await getInbox(t.db, responder);
    expect(inbox.items.some((n) => n.event === "assigned" && n.incidentId === incident.id)).toBe(true);
  });

  it("shows on the board's Mine filter only the incidents the viewer leads", async () => {
    const led = await open("P2", "Led by Rui");
    await open("P2", "Led by nobody");
    await setIncidentRoles(t.db, admin, led.id, { lead: responder.id });
    const filters = { severity: [], team: [], service: [], q: "", mine: true };
    const board = await getBoard(t.db, admin.workspaceId, filters, 1, { userId: responder.id });
    const titles = [...board.open, ...board.resolved.items].map((c) => c.title);
    expect(titles).toContain("Led by Rui");
    expect(titles).not.toContain("Led by nobody");
    expect(titles.every((title) => ["Led by Rui", "Roles", "Watched"].includes(title) || !title)).toBe(true);
    const guest = await getBoard(t.db, admin.workspaceId, filters, 1, { userId: null });
    expect(guest.open).toHaveLength(0);
  });

  it("refuses someone who is not a member, naming the field", async () => {
    const incident = await open("P3", "Stranger");
    const r = await setIncidentRoles(t.db, admin, incident.id, { lead: "00000000-0000-4000-8000-000000000000" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues?.[0].path).toBe("lead");
  });

  it("tells the people on an incident when its status changes, once", async () => {
    // Earlier cases wrote history at injected future instants: start the cursor afresh.
    await t.db.delete(oncallCursors);
    await t.db.insert(oncallCursors).values({ name: "status-changes", at: new Date() });
    const incident = await open("P3", "Watched");
    await setIncidentRoles(t.db, admin, incident.id, { lead: responder.id });
    await changeIncidentStatus(t.db, admin, incident.id, { status: "investigating" });
    await Promise.all([notifyStatusChanges(t.db), notifyStatusChanges(t.db)]);
    const got = await t.db.select().from(notifications).where(and(eq(notifications.incidentId, incident.id), eq(notifications.event, "status_change")));
    expect(got.map((n) => [n.userId, n.title])).toEqual([[responder.id, `INC-${incident.number} is investigating`]]);
  });
});
