import { and, eq, sql } from "drizzle-orm";
import { agentPlans, type AgentPlan, type PlanStepRecord } from "@/db/schema";
import type { Database } from "@/db/client";
import { AppError, isAppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { publish } from "@/lib/realtime";
import { applyIntervention } from "@/lib/simulation";
import { catalog, type ActionId } from "./catalog";
import { agentActor } from "./context";
import { announce, record } from "./notify";

const log = logger("agent");

/** How long (world time) verification waits for the checks to hold after the last step. */
export const VERIFY_WINDOW_WORLD_MS = 10 * 60_000;
/** And in real time, should the drill be slow or stall. */
export const VERIFY_WINDOW_MS = 20 * 60_000;

async function lockPlan(tx: Database, id: string): Promise<AgentPlan> {
  const [row] = await tx.select().from(agentPlans).where(eq(agentPlans.id, id)).for("update");
  if (!row) throw new AppError("not_found:plan", "Plan not found.");
  return row;
}

function describe(step: PlanStepRecord, ended: { service: string }[]): string {
  const label = catalog[step.action as ActionId]?.label.toLowerCase() ?? step.action;
  const effect = ended.length
    ? `ended ${ended.length} active fault${ended.length === 1 ? "" : "s"} (${[...new Set(ended.map((e) => e.service))].join(", ")})`
    : "no active fault responded to it";
  return `${label} on ${step.target}: applied to the simulated world; ${effect}.`;
}

/**
 * Runs an approved plan's steps in order against its drill's world, each in its own transaction so
 * everyone watching sees each one land (what it did, its output, its duration). Claiming the plan
 * (`approved → executing`) is a conditional update: however many callers race here, one executes.
 * A step that cannot run fails the plan and leaves the steps already done for a rollback. After the
 * last step the plan waits in `verifying` for its checks to hold.
 */
export async function executePlan(db: Database, planId: string, who: { workspaceId: string; approvedBy: string | null; now?: Date }): Promise<AgentPlan> {
  const agent = agentActor(who.workspaceId);
  // `now` is the drill's clock (a hand-driven one in tests and the eval): world time is read from it.
  const clock = () => who.now ?? new Date();
  const now = clock();
  const [claimed] = await db
    .update(agentPlans)
    .set({ status: "executing", executedAt: now, updatedAt: now, version: sql`${agentPlans.version} + 1` })
    .where(and(eq(agentPlans.id, planId), eq(agentPlans.workspaceId, who.workspaceId), eq(agentPlans.status, "approved")))
    .returning();
  if (!claimed) {
    const [current] = await db.select().from(agentPlans).where(eq(agentPlans.id, planId));
    if (!current) throw new AppError("not_found:plan", "Plan not found.");
    return current;
  }
  await announce(agent, claimed);
  const by = who.approvedBy ? ` (approved by ${who.approvedBy})` : "";

  for (let i = 0; i < claimed.steps.length; i++) {
    const started = performance.now();
    const startedAt = new Date();
    const step = claimed.steps[i];
    try {
      const { plan, entry } = await db.transaction(async (tx) => {
        const current = await lockPlan(tx, planId);
        if (current.status !== "executing") throw new AppError("conflict:plan", "The plan stopped executing.");
        if (!current.simulationId) throw new AppError("conflict:world", "This plan has no simulated world to act on.");
        const action = catalog[step.action as ActionId];
        const applied = await applyIntervention(tx, agent, { simulationId: current.simulationId, service: action.global ? null : step.target, action: action.worldAction }, clock());
        const done: PlanStepRecord = {
          ...current.steps[i],
          status: "done",
          output: describe(step, applied.ended),
          started_at: startedAt.toISOString(),
          finished_at: new Date().toISOString(),
          duration_ms: Math.max(1, Math.round(performance.now() - started)),
          world_ms: Math.round(applied.worldMs),
        };
        const steps = current.steps.map((s, j) => (j === i ? done : s));
        const [row] = await tx
          .update(agentPlans)
          .set({ steps, updatedAt: new Date(), version: sql`${agentPlans.version} + 1` })
          .where(eq(agentPlans.id, planId))
          .returning();
        const entryId = await record(tx, agent, row, {
          action: "agent.step",
          body: `${agent.name} ran step ${i + 1} of ${steps.length}${by}: ${done.output} (${done.duration_ms} ms)`,
          data: { step: i, action: step.action, target: step.target, parameters: step.parameters, faultsEnded: applied.ended.length },
        });
        return { plan: row, entry: entryId };
      });
      await announce(agent, plan, [entry], `step:${i}:done`);
      if (plan.simulationId) await publish(agent, { type: "simulation.updated", simulationId: plan.simulationId, status: "running" });
    } catch (e) {
      if (!isAppError(e)) log.error({ err: e, planId, step: i }, "plan step failed");
      const reason = isAppError(e) ? e.message : "The step failed unexpectedly.";
      return failExecution(db, planId, i, reason, startedAt, performance.now() - started);
    }
  }

  const { plan, entry } = await db.transaction(async (tx) => {
    const current = await lockPlan(tx, planId);
    if (current.status !== "executing") return { plan: current, entry: null };
    const last = Math.max(...current.steps.map((s) => s.world_ms ?? 0));
    const [row] = await tx
      .update(agentPlans)
      .set({
        status: "verifying",
        verifyFromWorldMs: last,
        verifyDeadlineWorldMs: last + VERIFY_WINDOW_WORLD_MS,
        verifyDeadlineAt: new Date(clock().getTime() + VERIFY_WINDOW_MS),
        checks: current.checks.map((c) => ({ ...c, passed: false, detail: "waiting for the health checks after the action" })),
        updatedAt: new Date(),
        version: sql`${agentPlans.version} + 1`,
      })
      .where(eq(agentPlans.id, planId))
      .returning();
    const entryId = await record(tx, agent, row, {
      action: "agent.verify.start",
      body: `${agent.name} is verifying: ${row.checks.length} check${row.checks.length === 1 ? "" : "s"}, each to hold for 3 consecutive health checks.`,
      data: { checks: row.checks.map((c) => c.name) },
    });
    return { plan: row, entry: entryId };
  });
  await announce(agent, plan, [entry]);
  return plan;
}

async function failExecution(db: Database, planId: string, index: number, reason: string, startedAt: Date, ms: number): Promise<AgentPlan> {
  const { plan, entry } = await db.transaction(async (tx) => {
    const current = await lockPlan(tx, planId);
    const agent = agentActor(current.workspaceId);
    const steps = current.steps.map((s, j) =>
      j === index ? { ...s, status: "failed" as const, error: reason, started_at: startedAt.toISOString(), finished_at: new Date().toISOString(), duration_ms: Math.max(1, Math.round(ms)) } : s,
    );
    const reversibleDone = steps.some((s) => s.status === "done" && s.reversible);
    const [row] = await tx
      .update(agentPlans)
      .set({ status: "failed", steps, failureReason: `Step ${index + 1} (${steps[index].action} on ${steps[index].target}) failed: ${reason}`, finishedAt: new Date(), updatedAt: new Date(), version: sql`${agentPlans.version} + 1` })
      .where(and(eq(agentPlans.id, planId), eq(agentPlans.status, "executing")))
      .returning();
    if (!row) return { plan: current, entry: null };
    const entryId = await record(tx, agent, row, {
      action: "agent.step.fail",
      body: `${agent.name}: step ${index + 1} failed (${reason}). The incident's status is unchanged${reversibleDone ? "; the steps already done can be rolled back" : ""}.`,
      data: { step: index },
    });
    return { plan: row, entry: entryId };
  });
  await announce(agentActor(plan.workspaceId), plan, [entry]);
  return plan;
}
