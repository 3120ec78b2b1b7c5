import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { auditLog, simulations } from "@/db/schema";
import type { Actor } from "@/lib/auth/shared";
import { stopSimulation } from "@/lib/simulation";
import { drillUntilIncident, workspaceWithTeam } from "./testing/drill";
import { offlineOnly } from "./testing/providers";
import { approvePlan, rejectPlan } from "./decide";
import { requestPlan } from "./plan";

/**
 * Approval is atomic. On PostgreSQL (DATABASE_URL set) the approvals below really run at once, on
 * twenty connections; on PGlite they interleave on one. Either way exactly one wins and executes.
 */
let t: TestDatabase;
let admin: Actor;
let responders: Actor[];

beforeAll(async () => {
  t = await createTestDatabase();
  const team = await workspaceWithTeam(t.db, "race");
  admin = team.admin;
  responders = Array.from({ length: 20 }, (_, i) => ({ ...team.responder, name: `Responder ${i + 1}` }));
}, 60_000);

afterAll(async () => {
  await t?.drop();
});

async function audits(planId: string, action: string) {
  return t.db.select().from(auditLog).where(and(eq(auditLog.targetId, planId), eq(auditLog.action, action)));
}

describe("deciding a plan under concurrency", () => {
  it("executes exactly once when 20 responders approve the same plan at the same time; the others get 409", async () => {
    const { incident, clock, run } = await drillUntilIncident(t.db, admin, "payment_unreachable", { seed: 21 });
    const planned = await requestPlan(t.db, admin, incident.id, {}, { providers: offlineOnly(), now: clock.now() });
    if (!planned.ok) throw new Error(planned.error);
    const plan = planned.data;
    const results = await Promise.all(responders.map((r) => approvePlan(t.db, r, plan.id, { comment: r.name }, { now: clock.now() })));
    const won = results.filter((r) => r.ok);
    const lost = results.filter((r) => !r.ok);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(19);
    for (const r of lost) expect(!r.ok && r.code).toBe("conflict:plan");
    // One execution: each step reached the world once, one approval and one set of steps in the audit log.
    const [sim] = await t.db.select().from(simulations).where(eq(simulations.id, run.id));
    expect(sim.state.interventions.filter((i) => i.by === "SRE agent")).toHaveLength(plan.steps.length);
    expect(await audits(plan.id, "agent.plan.approve")).toHaveLength(1);
    expect(await audits(plan.id, "agent.step")).toHaveLength(plan.steps.length);
    await stopSimulation(t.db, admin, run.id, { clock });
  }, 120_000);

  it("lets exactly one decision through when approvals and rejections race", async () => {
    const { incident, clock, run } = await drillUntilIncident(t.db, admin, "catalog_failure", { seed: 22 });
    const planned = await requestPlan(t.db, admin, incident.id, {}, { providers: offlineOnly(), now: clock.now() });
    if (!planned.ok) throw new Error(planned.error);
    const plan = planned.data;
    const results = await Promise.all(
      responders.map((r, i) => (i % 2 ? rejectPlan(t.db, r, plan.id, {}, { now: clock.now() }) : approvePlan(t.db, r, plan.id, {}, { now: clock.now() }))),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.code === "conflict:plan")).toBe(true);
    const decided = (await audits(plan.id, "agent.plan.approve")).length + (await audits(plan.id, "agent.plan.reject")).length;
    expect(decided).toBe(1);
    const [sim] = await t.db.select().from(simulations).where(eq(simulations.id, run.id));
    const executed = sim.state.interventions.filter((i) => i.by === "SRE agent").length;
    expect([0, plan.steps.length]).toContain(executed);
    await stopSimulation(t.db, admin, run.id, { clock });
  }, 120_000);
});
