import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { incidents, memberships, users, type Incident, type SlaPolicy } from "@/db/schema";
import type { Actor } from "@/lib/auth/shared";
import { getAnalyticsSummary } from "@/lib/analytics";
import { causesForRootCause } from "@/lib/diagnosis";
import { changeIncidentStatus } from "@/lib/incidents";
import { DEFAULT_SLA_POLICY } from "@/lib/incidents/shared";
import { applyIntervention, getSimulation, manualClock, tickSimulations } from "@/lib/simulation";
import { insertWorkspace } from "@/lib/workspaces/queries";
import { acceptDrillDiagnosis, createDrill, endDrill, injectDrillFault, startDrill } from "./drills";
import { drillLeaderboard, getDrillView, listDrills } from "./queries";
import { debriefText, scoreDrill, type ScoringInput } from "./scoring";

let t: TestDatabase;
let admin: Actor;
let responder: Actor;
let viewer: Actor;

function ok<T>(r: { ok: true; data: T } | { ok: false; error: string }): T {
  if (!r.ok) throw new Error(r.error);
  return r.data;
}

beforeAll(async () => {
  t = await createTestDatabase();
  const ws = await insertWorkspace(t.db, { slug: "gameday", name: "Game day" });
  const member = async (name: string, role: "admin" | "responder" | "viewer"): Promise<Actor> => {
    const [u] = await t.db.insert(users).values({ email: `${name.toLowerCase()}@example.com`, name }).returning();
    await t.db.insert(memberships).values({ workspaceId: ws.id, userId: u.id, role });
    return { kind: "user", id: u.id, name, workspaceId: ws.id, role };
  };
  admin = await member("Ada", "admin");
  responder = await member("Rui", "responder");
  viewer = await member("Vic", "viewer");
}, 60_000);

afterAll(async () => {
  await t?.drop();
});

const opened = new Date("2026-12-01T10:00:00Z");
const later = (s: number) => new Date(opened.getTime() + s * 1000);
const base = (over: Partial<ScoringInput> = {}): ScoringInput => ({
  expectedActions: ["flag_toggle", "rollback"],
  acceptedCauses: causesForRootCause("payment_errors"),
  rootService: "payment",
  incident: { severity: "P1", createdAt: opened, acknowledgedAt: later(60), resolvedAt: later(600) } as Pick<Incident, "severity" | "createdAt" | "acknowledgedAt" | "resolvedAt">,
  acceptedCause: "bad_feature_flag",
  acceptedAt: later(300),
  actions: [{ action: "flag_toggle", service: "payment" }],
  healthy: true,
  policy: DEFAULT_SLA_POLICY as SlaPolicy,
  endedAt: later(900),
  ...over,
});

describe("scoring rules", () => {
  it("gives full marks for a fast acknowledgement, the scenario's cause, an expected action, health and SLA", () => {
    const s = scoreDrill(base());
    expect(s.total).toBe(100);
    expect(s).toMatchObject({ timeToAcknowledgeSeconds: 60, timeToDiagnosisSeconds: 300, diagnosisCorrect: true, remediationExpected: true, healthRestored: true, slaMet: true });
  });

  it("accepts the scenario's own root-cause name as well as the diagnosis' names for it", () => {
    expect(scoreDrill(base({ acceptedCause: "payment_errors" })).diagnosisCorrect).toBe(true);
    expect(causesForRootCause("memory_leak")).toEqual(["memory_leak"]);
    expect(scoreDrill(base({ expectedActions: ["restart", "scale"], acceptedCauses: causesForRootCause("memory_leak"), acceptedCause: "memory_leak" })).diagnosisCorrect).toBe(true);
  });

  it("scores a wrong diagnosis and an unexpected action at zero, naming what was expected", () => {
    const s = scoreDrill(base({ acceptedCause: "memory_leak", actions: [{ action: "restart", service: "payment" }] }));
    expect(s.criteria.find((c) => c.key === "diagnosis")).toMatchObject({ points: 0, detail: expect.stringContaining("payment_errors") });
    expect(s.criteria.find((c) => c.key === "remediation")).toMatchObject({ points: 0, detail: expect.stringContaining("flag_toggle, rollback") });
    expect(s.total).toBe(20 + 15 + 10);
  });

  it("halves the acknowledgement points past the severity's response target and misses the SLA", () => {
    const s = scoreDrill(base({ incident: { severity: "P0", createdAt: opened, acknowledgedAt: later(20 * 60), resolvedAt: later(30 * 60) } as never }));
    expect(s.criteria.find((c) => c.key === "acknowledge")!.points).toBe(10);
    expect(s.slaMet).toBe(false);
  });

  it("scores nothing but the stop when the drill ends before anyone acted, and leaves out SLA without an incident", () => {
    const s = scoreDrill(base({ incident: null, acceptedCause: null, acceptedAt: null, actions: [{ action: "stop" }], healthy: false }));
    expect(s.total).toBe(0);
    expect(s.criteria.map((c) => c.key)).toEqual(["acknowledge", "diagnosis", "remediation", "health"]);
    expect(s.max).toBe(90);
    expect(debriefText(s, "Payment")).toContain("What to practise:");
  });
});

describe("a drill from creation to its score", () => {
  it("runs the scenario on its seed, takes the participants' answers and scores them at the end", async () => {
    const clock = manualClock(new Date("2026-12-01T09:00:00Z"));
    const drill = ok(await createDrill(t.db, admin, { scenarioId: "payment_failure", participantIds: [responder.id!], speed: 10, seed: 11, aiAssistance: false }));
    expect(drill).toMatchObject({ status: "planned", expectedRootCause: "payment_errors", seed: 11 });
    const started = ok(await startDrill(t.db, admin, drill.id, { clock }));
    expect(started.status).toBe("running");
    expect((await startDrill(t.db, admin, drill.id, { clock })).ok).toBe(false);

    // The run opens its incident through intake, as a training incident.
    let incidentId: string | null = null;
    for (let i = 0; i < 60 && !incidentId; i++) {
      clock.advance(500);
      await tickSimulations(t.db, { now: clock.now(), ids: [started.simulationId!] });
      incidentId = (await getDrillView(t.db, viewer, drill.id)).incidentId;
    }
    expect(incidentId).not.toBeNull();
    const view = await getDrillView(t.db, viewer, drill.id);
    expect(view.expectedRootCause).toBeNull();
    const [incident] = await t.db.select().from(incidents).where(eq(incidents.id, incidentId!));
    expect(incident.incidentType).toBe("training");

    // Acknowledge, accept the right cause, take an expected action on the world, let it recover.
    clock.advance(5_000);
    ok(await changeIncidentStatus(t.db, responder, incidentId!, { status: "investigating", at: clock.now() }));
    expect((await acceptDrillDiagnosis(t.db, viewer, drill.id, { cause: "bad_feature_flag" })).ok).toBe(false);
    ok(await acceptDrillDiagnosis(t.db, responder, drill.id, { cause: "bad_feature_flag" }, { clock }));
    await t.db.transaction((tx) => applyIntervention(tx, responder, { simulationId: started.simulationId!, service: "payment", action: "flag_toggle" }, clock.now()));
    for (let i = 0; i < 40; i++) {
      clock.advance(500);
      await tickSimulations(t.db, { now: clock.now(), ids: [started.simulationId!] });
    }
    const run = await getSimulation(t.db, { workspaceId: admin.workspaceId, id: started.simulationId! });
    expect(run.state.unhealthy).not.toContain("payment");
    ok(await changeIncidentStatus(t.db, responder, incidentId!, { status: "resolved", at: clock.now() }));

    const ended = ok(await endDrill(t.db, admin, drill.id, { clock }));
    expect(ended.status).toBe("ended");
    expect(ended.score).toMatchObject({ diagnosisCorrect: true, remediationExpected: true, healthRestored: true, slaMet: true });
    expect(ended.totalScore).toBe(100);
    expect(ended.debrief).toContain("What went well:");
    // Ending again changes nothing; the answer is now shown.
    expect(ok(await endDrill(t.db, admin, drill.id, { clock })).totalScore).toBe(100);
    expect((await getDrillView(t.db, viewer, drill.id)).expectedRootCause).toBe("payment_errors");

    // The leaderboard credits the participant; their history lists the drill.
    const board = await drillLeaderboard(t.db, viewer);
    expect(board).toEqual([expect.objectContaining({ participantId: responder.id, name: "Rui", drills: 1, bestScore: 100 })]);
    expect((await listDrills(t.db, viewer, { participantId: responder.id! })).map((d) => d.id)).toEqual([drill.id]);

    // Drill incidents stay out of production analytics and show in the drills view.
    const day = incident.createdAt.toISOString().slice(0, 10);
    const range = { from: day, to: new Date(incident.createdAt.getTime() + 86_400_000).toISOString() };
    expect(ok(await getAnalyticsSummary(t.db, viewer, range)).totals.incidents).toBe(0);
    expect(ok(await getAnalyticsSummary(t.db, viewer, { ...range, view: "drills" })).totals.incidents).toBeGreaterThanOrEqual(1);

    // A re-run keeps the scenario, seed, speed and participants.
    const rerun = ok(await createDrill(t.db, admin, { rerunOf: drill.id }));
    expect(rerun).toMatchObject({ scenarioId: "payment_failure", seed: 11, speed: 10, rerunOf: drill.id, participants: [{ id: responder.id, name: "Rui" }] });
    expect((await listDrills(t.db, viewer, { sameAs: { scenarioId: "payment_failure", seed: 11 } })).length).toBe(2);
  }, 120_000);

  it("picks the same random scenario of a difficulty for the same seed", async () => {
    const a = ok(await createDrill(t.db, admin, { difficulty: "advanced", participantIds: [responder.id!], seed: 5 }));
    const b = ok(await createDrill(t.db, admin, { difficulty: "advanced", participantIds: [responder.id!], seed: 5 }));
    expect(a.scenarioId).toBe(b.scenarioId);
    expect(a.difficulty).toBe("advanced");
  });

  it("refuses bad input naming the field, strangers as participants, and viewers", async () => {
    const none = await createDrill(t.db, admin, { speed: 1000 });
    expect(!none.ok && none.issues?.map((i) => i.path).sort()).toEqual(["participantIds", "scenarioId", "speed"]);
    const stranger = await createDrill(t.db, admin, { scenarioId: "payment_failure", participantIds: ["00000000-0000-4000-8000-000000000000"] });
    expect(!stranger.ok && stranger.code).toBe("unprocessable:participants");
    const denied = await createDrill(t.db, viewer, { scenarioId: "payment_failure", participantIds: [responder.id!] });
    expect(!denied.ok && denied.code).toBe("forbidden:role");
    const inject = await injectDrillFault(t.db, admin, "00000000-0000-4000-8000-000000000000", { system: "redis", failure: "nope" });
    expect(!inject.ok && inject.issues?.[0].path).toBe("failure");
  });
});
