import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { agentPlans, auditLog, incidents, incidentStatusHistory, planStatuses, simulations, timelineEntries, type AgentPlan } from "@/db/schema";
import type { Actor } from "@/lib/auth/shared";
import { createIncident } from "@/lib/incidents";
import { stopSimulation } from "@/lib/simulation";
import { offlineOnly } from "./testing/providers";
import { drillUntilIncident, tickFor, workspaceWithTeam, type Clock } from "./testing/drill";
import { catalog } from "./catalog";
import { evaluateChecks } from "./checks";
import { approvePlan, rejectPlan } from "./decide";
import { runAgentJobs } from "./jobs";
import { getPlan, listPlans } from "./queries";
import { proposeSystemAction, requestPlan } from "./plan";
import { rollbackPlan } from "./rollback";
import { updateAgentSettings } from "./settings";
import { assertTransition, transitions } from "./state";
import { progressVerification } from "./verify";
import { defaultAgentSettings } from "./schemas";
import { NO_CONNECTOR } from "./context";

let t: TestDatabase;
let team: Awaited<ReturnType<typeof workspaceWithTeam>>;
let admin: Actor;
let responder: Actor;
let viewer: Actor;

beforeAll(async () => {
  t = await createTestDatabase();
  team = await workspaceWithTeam(t.db, "agent");
  ({ admin, responder, viewer } = team);
}, 60_000);

afterAll(async () => {
  await t?.drop();
});

const opts = { providers: offlineOnly() };

function ok<T>(r: { ok: true; data: T } | { ok: false; error: string }): T {
  if (!r.ok) throw new Error(r.error);
  return r.data;
}

/** Ticks the drill and lets the agent's job read the checks, until the plan settles (or the world time runs out). */
async function verifyUntilSettled(plan: AgentPlan, clock: Clock, speed = 1, maxSeconds = 900): Promise<AgentPlan> {
  let current = plan;
  for (let s = 0; s < maxSeconds && current.status === "verifying"; s += 5) {
    await tickFor(t.db, plan.simulationId!, clock, 5, speed, plan.workspaceId);
    await runAgentJobs(t.db, { now: clock.now() });
    [current] = await t.db.select().from(agentPlans).where(eq(agentPlans.id, plan.id));
  }
  return current;
}

describe("the state machine", () => {
  it("refuses every transition it does not list, with a 409 naming the plan's state", () => {
    let refused = 0;
    for (const from of planStatuses) {
      for (const to of planStatuses) {
        if (transitions[from].includes(to)) {
          expect(() => assertTransition(from, to)).not.toThrow();
        } else {
          expect(() => assertTransition(from, to), `${from} → ${to}`).toThrow(expect.objectContaining({ code: "conflict:plan", status: 409 }));
          refused++;
        }
      }
    }
    expect(refused).toBeGreaterThan(100);
    // Nothing leaves a final state; nothing reaches "executing" but from "approved".
    for (const final of ["rejected", "expired", "advisory", "rolled_back"] as const) expect(transitions[final]).toEqual([]);
    for (const from of planStatuses) if (from !== "approved") expect(transitions[from]).not.toContain("executing");
  });
});

describe("plan → approve → execute → verify on a drill", () => {
  it("plans a catalog fix with risk, blast radius, rollback, dry run, checks and a what-if; approval executes it, the world heals, the incident resolves", async () => {
    const { incident, clock, run } = await drillUntilIncident(t.db, admin, "payment_unreachable", { seed: 3 });
    const plan = ok(await requestPlan(t.db, responder, incident.id, {}, { ...opts, now: clock.now() }));
    expect(plan).toMatchObject({ status: "awaiting_approval", mode: "manual", world: "simulated", source: "planner", provider: "offline", simulationId: run.id });
    expect(plan.steps.length).toBeGreaterThan(0);
    const flag = plan.steps.find((s) => s.action === "toggle_feature_flag");
    expect(flag).toMatchObject({ target: "payment", parameters: { flag: "paymentUnreachable", enabled: false }, reversible: true });
    expect(flag?.rollback?.parameters).toMatchObject({ flag: "paymentUnreachable", enabled: true });
    expect(flag?.blast_radius).toEqual(expect.arrayContaining(["checkout", "frontend"]));
    expect(["low", "medium", "high", "critical"]).toContain(flag?.risk.level);
    expect(flag?.preview.changes[0]).toMatchObject({ what: "flag paymentUnreachable", from: "on", to: "off" });
    expect(flag?.rationale).toMatch(/paymentUnreachable|flag/i);
    expect(plan.checks.map((c) => c.name)).toEqual(expect.arrayContaining(["payment health ≥ 70%", expect.stringMatching(/^payment pod_ready_count ≥/)]));
    // What-if: the plan's steps and alternatives, ranked; doing nothing never recovers (the faults persist).
    expect(plan.whatIf.length).toBeGreaterThan(2);
    expect(plan.whatIf[0].rank).toBe(1);
    const nothing = plan.whatIf.find((w) => w.action === "no_action")!;
    expect(nothing.success_probability).toBe(0);
    const toggle = plan.whatIf.find((w) => w.action === "toggle_feature_flag")!;
    expect(toggle).toMatchObject({ in_plan: true, success_probability: 1 });
    expect(toggle.expected_recovery_seconds).toBeGreaterThan(0);
    expect(plan.whatIf.find((w) => w.action === "scale_out")?.success_probability).toBe(0);

    const executed = ok(await approvePlan(t.db, responder, plan.id, { comment: "go" }, { now: clock.now() }));
    expect(executed.status).toBe("verifying");
    expect(executed.decidedByName).toBe("Rui");
    expect(executed.steps.every((s) => s.status === "done" && typeof s.output === "string" && typeof s.duration_ms === "number")).toBe(true);
    expect(executed.steps.find((s) => s.action === "toggle_feature_flag")?.output).toMatch(/ended 1 active fault/);

    const done = await verifyUntilSettled(executed, clock);
    expect(done.status).toBe("succeeded");
    expect(done.checks.length).toBeGreaterThan(1);
    expect(done.checks.every((c) => c.passed)).toBe(true);
    const [after] = await t.db.select().from(incidents).where(eq(incidents.id, incident.id));
    expect(after.status).toBe("resolved");
    const [moved] = await t.db.select().from(incidentStatusHistory).where(and(eq(incidentStatusHistory.incidentId, incident.id), eq(incidentStatusHistory.toStatus, "resolved")));
    expect(moved).toMatchObject({ actorKind: "system", actorName: "SRE agent" });
    expect(moved.reason).toMatch(/approved by Rui/);
    const timeline = await t.db.select().from(timelineEntries).where(and(eq(timelineEntries.incidentId, incident.id), eq(timelineEntries.kind, "action")));
    const events = timeline.map((e) => e.data.event);
    expect(events).toEqual(expect.arrayContaining(["agent.plan.create", "agent.plan.approve", "agent.step", "agent.verify.start", "agent.verify.pass"]));
    const audit = await t.db.select().from(auditLog).where(and(eq(auditLog.targetType, "agent_plan"), eq(auditLog.targetId, plan.id)));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["agent.plan.request", "agent.plan.create", "agent.plan.approve", "agent.step", "agent.verify.pass"]));
    // The run completes once its world has healed.
    const [sim] = await t.db.select().from(simulations).where(eq(simulations.id, run.id));
    expect(sim.status).toBe("completed");
  }, 60_000);

  it("refuses viewers, read-only keys and guests outside the demo, and nothing changes", async () => {
    const { incident, clock, run } = await drillUntilIncident(t.db, admin, "catalog_failure", { seed: 4 });
    expect((await requestPlan(t.db, viewer, incident.id, {}, opts)).ok).toBe(false);
    const plan = ok(await requestPlan(t.db, responder, incident.id, {}, { ...opts, now: clock.now() }));
    const asViewer = await approvePlan(t.db, viewer, plan.id, {}, { now: clock.now() });
    expect(!asViewer.ok && asViewer.code).toBe("forbidden:role");
    const readKey: Actor = { kind: "api_key", id: "k1", name: "reader", workspaceId: admin.workspaceId, role: "admin", scopes: ["read"] };
    const asKey = await approvePlan(t.db, readKey, plan.id, {}, { now: clock.now() });
    expect(!asKey.ok && asKey.code).toBe("forbidden:scope");
    const guest: Actor = { kind: "guest", id: "g1", name: "Anonymous Otter", workspaceId: admin.workspaceId, role: "responder" };
    const asGuest = await approvePlan(t.db, guest, plan.id, {}, { now: clock.now() });
    expect(!asGuest.ok && asGuest.code).toBe("forbidden:guest");
    expect((await rejectPlan(t.db, viewer, plan.id)).ok).toBe(false);
    expect((await getPlan(t.db, admin, plan.id, { now: clock.now() })).status).toBe("awaiting_approval");
    // Another workspace's plan is not found.
    const other = await workspaceWithTeam(t.db, "agent-other");
    expect((await approvePlan(t.db, other.admin, plan.id)).ok).toBe(false);
    await stopSimulation(t.db, admin, run.id, { clock });
  }, 60_000);

  it("rejects with a comment; a rejected plan cannot be approved, rejected again or rolled back (409)", async () => {
    const { incident, clock, run } = await drillUntilIncident(t.db, admin, "high_cpu", { seed: 5 });
    const plan = ok(await requestPlan(t.db, responder, incident.id, {}, { ...opts, now: clock.now() }));
    const rejected = ok(await rejectPlan(t.db, admin, plan.id, { comment: "not during the sale" }, { now: clock.now() }));
    expect(rejected).toMatchObject({ status: "rejected", decidedByName: "Ada", decisionComment: "not during the sale" });
    for (const again of [approvePlan(t.db, admin, plan.id, {}, { now: clock.now() }), rejectPlan(t.db, admin, plan.id), rollbackPlan(t.db, admin, plan.id)]) {
      const r = await again;
      expect(!r.ok && r.code).toBe("conflict:plan");
    }
    const [sim] = await t.db.select().from(simulations).where(eq(simulations.id, run.id));
    expect(sim.state.interventions).toEqual([]);
    const [still] = await t.db.select().from(incidents).where(eq(incidents.id, incident.id));
    expect(still.status).toBe("triage");
    await stopSimulation(t.db, admin, run.id, { clock });
  }, 60_000);

  it("a second approval of an executed plan is a 409 and runs nothing again", async () => {
    const { incident, clock, run } = await drillUntilIncident(t.db, admin, "latency_spike", { seed: 6 });
    const plan = ok(await requestPlan(t.db, responder, incident.id, {}, { ...opts, now: clock.now() }));
    ok(await approvePlan(t.db, responder, plan.id, {}, { now: clock.now() }));
    const twice = await approvePlan(t.db, admin, plan.id, {}, { now: clock.now() });
    expect(!twice.ok && twice.code).toBe("conflict:plan");
    const [sim] = await t.db.select().from(simulations).where(eq(simulations.id, run.id));
    expect(sim.state.interventions.filter((i) => i.by === "SRE agent")).toHaveLength(plan.steps.length);
    await stopSimulation(t.db, admin, run.id, { clock });
  }, 60_000);
});

describe("verification", () => {
  it("fails a plan whose checks do not hold, names the failed check, leaves the incident's status alone, and rolls back", async () => {
    const { incident, clock, run } = await drillUntilIncident(t.db, admin, "payment_failure", { seed: 8 });
    // A person picks scale out: it does not touch the failing flag.
    const plan = ok(await requestPlan(t.db, responder, incident.id, { action: "scale_out", target: "payment" }, { ...opts, now: clock.now() }));
    expect(plan).toMatchObject({ source: "manual", status: "awaiting_approval" });
    expect(plan.steps[0]).toMatchObject({ action: "scale_out", target: "payment", parameters: { replicas: 5 }, reversible: true, rollback: { action: "scale_in" } });
    const executed = ok(await approvePlan(t.db, responder, plan.id, {}, { now: clock.now() }));
    expect(executed.steps[0].output).toMatch(/no active fault responded/);
    const failed = await verifyUntilSettled(executed, clock, 1, 700);
    expect(failed.status).toBe("failed");
    expect(failed.failureReason).toMatch(/^Verification failed: .*payment (health|error rate)/);
    expect(failed.checks.some((c) => !c.passed && /needs/.test(c.detail))).toBe(true);
    const [still] = await t.db.select().from(incidents).where(eq(incidents.id, incident.id));
    expect(still.status).toBe("triage");

    const rolledBack = ok(await rollbackPlan(t.db, admin, plan.id, { comment: "undo the extra pods" }, { now: clock.now() }));
    expect(rolledBack).toMatchObject({ status: "rolled_back", rolledBackByName: "Ada", rollbackComment: "undo the extra pods" });
    expect(rolledBack.steps[0]).toMatchObject({ status: "rolled_back", rollback_output: expect.stringMatching(/Scale payment back to 3 replicas/) });
    const again = await rollbackPlan(t.db, admin, plan.id, {}, { now: clock.now() });
    expect(!again.ok && again.code).toBe("conflict:plan");
    const [sim] = await t.db.select().from(simulations).where(eq(simulations.id, run.id));
    expect(sim.state.interventions.map((i) => i.action)).toEqual(["scale", "undo:scale"]);
    await stopSimulation(t.db, admin, run.id, { clock });
  }, 90_000);

  it("never counts zero checks as a pass", async () => {
    const none = evaluateChecks([], undefined as never, { services: [] }, 0, 60_000);
    expect(none).toMatchObject({ passed: false, results: [] });
    const { incident, clock, run } = await drillUntilIncident(t.db, admin, "llm_rate_limit", { seed: 9 });
    const plan = ok(await requestPlan(t.db, responder, incident.id, {}, { ...opts, now: clock.now() }));
    const executed = ok(await approvePlan(t.db, responder, plan.id, {}, { now: clock.now() }));
    expect(executed.status).toBe("verifying");
    // Strip every check the plan declared (and the incident's system): nothing left to prove it worked.
    await t.db
      .update(agentPlans)
      .set({ steps: executed.steps.map((s) => ({ ...s, checks: [] })), incidentSystem: null })
      .where(eq(agentPlans.id, plan.id));
    await tickFor(t.db, run.id, clock, 60, 1, admin.workspaceId);
    const settled = await progressVerification(t.db, plan.id, { now: clock.now() });
    expect(settled.status).toBe("failed");
    expect(settled.failureReason).toMatch(/zero checks never count as a pass/);
    const [still] = await t.db.select().from(incidents).where(eq(incidents.id, incident.id));
    expect(still.status).toBe("triage");
    await stopSimulation(t.db, admin, run.id, { clock });
  }, 60_000);

  it("a rollback needs a reversible executed step", async () => {
    const { incident, clock, run } = await drillUntilIncident(t.db, admin, "postgres-bloat", { seed: 10, maxSeconds: 120 });
    const plan = ok(await requestPlan(t.db, responder, incident.id, {}, { ...opts, now: clock.now() }));
    expect(plan.steps.map((s) => s.action)).toEqual(["vacuum_table"]);
    expect(plan.checks.map((c) => c.name)).toContain("postgresql-bloat health ≥ 70%");
    const done = await verifyUntilSettled(ok(await approvePlan(t.db, admin, plan.id, {}, { now: clock.now() })), clock);
    expect(done.status).toBe("succeeded");
    const r = await rollbackPlan(t.db, admin, plan.id, {}, { now: clock.now() });
    expect(!r.ok && r.error).toMatch(/no reversible step/);
    await stopSimulation(t.db, admin, run.id, { clock });
  }, 60_000);
});

describe("policy", () => {
  it("a restart of a stateful store needs an admin; a blocked action is refused and dropped; executions per hour are capped", async () => {
    const { incident, clock, run } = await drillUntilIncident(t.db, admin, "postgres-connections", { seed: 11, maxSeconds: 120 });
    const restart = ok(await requestPlan(t.db, responder, incident.id, { action: "restart", target: "postgresql" }, { ...opts, now: clock.now() }));
    expect(restart.requiresAdmin).toBe(true);
    const vetoed = await approvePlan(t.db, responder, restart.id, {}, { now: clock.now() });
    expect(!vetoed.ok && vetoed.code).toBe("forbidden:veto");
    expect((await getPlan(t.db, admin, restart.id, { now: clock.now() })).status).toBe("awaiting_approval");

    ok(await updateAgentSettings(t.db, admin, { ...defaultAgentSettings, blockedActions: ["kill_idle_connections"], maxExecutionsPerIncidentPerHour: 1 }));
    const blocked = await requestPlan(t.db, responder, incident.id, { action: "kill_idle_connections", target: "postgresql" }, { ...opts, now: clock.now() });
    expect(!blocked.ok && blocked.issues?.[0]).toMatchObject({ path: "action", message: expect.stringMatching(/blocked by this workspace's agent policy/) });
    const planned = ok(await requestPlan(t.db, responder, incident.id, {}, { ...opts, now: clock.now() }));
    expect(planned.steps.map((s) => s.action)).not.toContain("kill_idle_connections");

    // One execution an hour: a vacuum runs (it does not fix held connections); the next execution is refused.
    const vacuum = ok(await requestPlan(t.db, responder, incident.id, { action: "vacuum_table", target: "postgresql" }, { ...opts, now: clock.now() }));
    expect((await getPlan(t.db, admin, planned.id, { now: clock.now() })).status).toBe("expired");
    expect((await getPlan(t.db, admin, vacuum.id, { now: clock.now() })).requiresAdmin).toBe(false);
    expect(ok(await approvePlan(t.db, responder, vacuum.id, {}, { now: clock.now() })).status).toBe("verifying");
    const restart2 = ok(await requestPlan(t.db, responder, incident.id, { action: "restart_postgres", target: "postgresql" }, { ...opts, now: clock.now() }));
    const capped = await approvePlan(t.db, admin, restart2.id, {}, { now: clock.now() });
    expect(!capped.ok && `${capped.code} ${capped.error}`).toMatch(/^rate_limited:agent .*1 executions in the last hour/);
    expect(!capped.ok && capped.retryAfterSeconds).toBeGreaterThan(0);
    expect((await getPlan(t.db, admin, restart2.id, { now: clock.now() })).status).toBe("awaiting_approval");
    ok(await updateAgentSettings(t.db, admin, defaultAgentSettings));
    expect((await updateAgentSettings(t.db, responder, defaultAgentSettings)).ok).toBe(false);
    const bad = await updateAgentSettings(t.db, admin, { ...defaultAgentSettings, planExpiryMinutes: 0, blockedActions: ["rm -rf /"] });
    expect(!bad.ok && bad.issues?.map((i) => i.path).sort()).toEqual(["blockedActions.0", "planExpiryMinutes"]);
    await stopSimulation(t.db, admin, run.id, { clock });
  }, 120_000);

  it("plans expire after the workspace's expiry: then they cannot be approved, and the inbox no longer lists them", async () => {
    ok(await updateAgentSettings(t.db, admin, { ...defaultAgentSettings, planExpiryMinutes: 2 }));
    const { incident, clock, run } = await drillUntilIncident(t.db, admin, "ad_gc_pressure", { seed: 12 });
    const plan = ok(await requestPlan(t.db, responder, incident.id, {}, { ...opts, now: clock.now() }));
    expect(plan.expiresAt.getTime() - plan.createdAt.getTime()).toBe(120_000);
    const inbox = await listPlans(t.db, viewer, { status: "awaiting_approval" }, { now: clock.now() });
    expect(inbox.items.map((p) => p.id)).toContain(plan.id);
    const later = new Date(clock.now().getTime() + 121_000);
    const late = await approvePlan(t.db, admin, plan.id, {}, { now: later });
    expect(!late.ok && late.code).toBe("conflict:plan");
    expect(!late.ok && late.error).toMatch(/expired/);
    expect((await getPlan(t.db, viewer, plan.id, { now: later })).status).toBe("expired");
    expect((await listPlans(t.db, viewer, { status: "awaiting_approval" }, { now: later })).items.map((p) => p.id)).not.toContain(plan.id);
    ok(await updateAgentSettings(t.db, admin, defaultAgentSettings));
    await stopSimulation(t.db, admin, run.id, { clock });
  }, 60_000);

  it("the scheduled job expires overdue plans by itself", async () => {
    const { incident, clock, run } = await drillUntilIncident(t.db, admin, "llm_inaccuracy", { seed: 13 });
    const plan = ok(await requestPlan(t.db, responder, incident.id, {}, { ...opts, now: clock.now() }));
    const report = await runAgentJobs(t.db, { now: new Date(plan.expiresAt.getTime() + 1) });
    expect(report.expired).toBeGreaterThanOrEqual(1);
    const [row] = await t.db.select().from(agentPlans).where(eq(agentPlans.id, plan.id));
    expect(row.status).toBe("expired");
    const entries = await t.db.select().from(timelineEntries).where(eq(timelineEntries.incidentId, incident.id));
    expect(entries.some((e) => /expired: no decision within 30 minutes/.test(e.body))).toBe(true);
    await stopSimulation(t.db, admin, run.id, { clock });
  }, 60_000);
});

describe("modes", () => {
  it("advisory plans explain but never execute", async () => {
    const { incident, clock, run } = await drillUntilIncident(t.db, admin, "cache_failure", { seed: 14 });
    await t.db.update(incidents).set({ remediationMode: "advisory" }).where(eq(incidents.id, incident.id));
    const plan = ok(await requestPlan(t.db, responder, incident.id, {}, { ...opts, now: clock.now() }));
    expect(plan).toMatchObject({ status: "advisory", mode: "advisory" });
    expect(plan.steps.length).toBeGreaterThan(0);
    expect(plan.notice).toMatch(/advisory/);
    const r = await approvePlan(t.db, admin, plan.id, {}, { now: clock.now() });
    expect(!r.ok && r.code).toBe("conflict:plan");
    const [sim] = await t.db.select().from(simulations).where(eq(simulations.id, run.id));
    expect(sim.state.interventions).toEqual([]);
    await stopSimulation(t.db, admin, run.id, { clock });
  }, 60_000);

  it("incidents from real integrations are advisory: no connector acts on real systems", async () => {
    const real = ok(
      await createIncident(t.db, admin, {
        title: "checkout 5xx after deploy",
        service: "checkout",
        severity: "P1",
        metadata: { metrics: [{ name: "error_rate_percent", value: 30, baseline: 0.2, sigma: 7 }], context: { recent_deploys: [{ version: "v9.1.0", minutes_ago: 12, service: "checkout" }] } },
      }),
    );
    expect(real.remediationMode).toBe("advisory");
    const plan = ok(await requestPlan(t.db, responder, real.id, {}, opts));
    expect(plan).toMatchObject({ status: "advisory", world: "real", notice: NO_CONNECTOR, whatIf: [] });
    expect(plan.steps.length).toBeGreaterThan(0);
    const r = await approvePlan(t.db, admin, plan.id);
    expect(!r.ok && r.code).toBe("conflict:plan");
  }, 60_000);

  it("automated mode executes low-risk reversible steps by itself, and leaves anything else to a person", async () => {
    const { incident, clock, run } = await drillUntilIncident(t.db, admin, "traffic_spike", { seed: 15 });
    await t.db.update(incidents).set({ remediationMode: "automated" }).where(eq(incidents.id, incident.id));
    const scale = ok(await requestPlan(t.db, responder, incident.id, { action: "scale_out", target: "frontend" }, { ...opts, now: clock.now() }));
    expect(scale.steps[0].risk.level).toBe("low");
    expect(scale).toMatchObject({ status: "verifying", decidedByName: "SRE agent" });
    expect(scale.steps[0].status).toBe("done");
    const restart = ok(await requestPlan(t.db, responder, incident.id, { action: "restart", target: "frontend" }, { ...opts, now: clock.now() }));
    expect(restart.status).toBe("awaiting_approval");
    expect(restart.notice).toMatch(/low-risk, reversible/);
    await stopSimulation(t.db, admin, run.id, { clock });
  }, 60_000);
});

describe("manual actions", () => {
  it("the systems route proposes a plan on the drill's open incident; unknown actions are refused, never echoed", async () => {
    const { incident, clock, run } = await drillUntilIncident(t.db, admin, "disk-full", { seed: 16, maxSeconds: 120 });
    const unknown = await proposeSystemAction(t.db, responder, "disk", { action: "rm -rf /" }, { now: clock.now() });
    expect(!unknown.ok && unknown.issues?.[0].path).toBe("action");
    const wrongTarget = await proposeSystemAction(t.db, responder, "disk", { action: "scale_out" }, { now: clock.now() });
    expect(!wrongTarget.ok && wrongTarget.issues?.[0]).toMatchObject({ path: "target", message: expect.stringMatching(/cannot target disk/) });
    const plan = ok(await proposeSystemAction(t.db, responder, "disk", { action: "cleanup_old_logs" }, { now: clock.now() }));
    expect(plan).toMatchObject({ incidentId: incident.id, simulationId: run.id, status: "awaiting_approval" });
    expect(plan.steps[0]).toMatchObject({ action: "cleanup_disk", target: "disk", parameters: { older_than_days: 7 } });
    expect(catalog.cleanup_disk.aliases).toContain("cleanup_old_logs");
    await stopSimulation(t.db, admin, run.id, { clock });
    const none = await proposeSystemAction(t.db, responder, "disk", { action: "cleanup_disk" }, { now: clock.now() });
    expect(!none.ok && none.code).toBe("conflict:world");
  }, 60_000);
});
