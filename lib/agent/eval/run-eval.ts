import { and, eq } from "drizzle-orm";
import { agentPlans, auditLog, simulations, type AgentPlan } from "@/db/schema";
import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/shared";
import { resolveProviders, runDiagnosis } from "@/lib/diagnosis";
import { builtinScenarios, getSimulation, manualClock, startSimulation, stopSimulation, tickSimulations, type Scenario } from "@/lib/simulation";
import { catalog, findAction, type ActionId } from "../catalog";
import { approvePlan } from "../decide";
import { runAgentJobs } from "../jobs";
import { requestPlan } from "../plan";
import { createOfflinePlannerModel, OFFLINE_PLANNER_ID } from "../planner/model";

export type AgentEvalRow = {
  scenario: string;
  incident: boolean;
  planned: string[];
  expected: string[];
  expectedInPlan: boolean;
  status: string;
  healthRestored: boolean;
  /** Health checks (5 s of world time each) from the last step until verification passed. */
  ticksToRecover: number | null;
  topWhatIf: string | null;
  failure: string | null;
  ms: number;
};

const TICK_MS = 5_000;

/** Whether a planned catalog action is one of the scenario's expected action types (the world's names). */
export function matchesExpected(action: string, expected: string[]): boolean {
  const a = findAction(action);
  if (!a) return false;
  const names = new Set([a.id, a.worldAction, ...a.aliases]);
  return expected.some((e) => names.has(e));
}

async function tick(db: Database, id: string, clock: ReturnType<typeof manualClock>) {
  clock.advance(TICK_MS);
  await tickSimulations(db, { now: clock.now(), ids: [id] });
}

/**
 * One built-in scenario, the way a responder would go: run it (1× world time, driven by a hand clock)
 * until its root service's incident opens, diagnose it (offline engine), plan with the offline
 * planner, approve, execute, and tick until the plan's verification settles.
 */
export async function evaluateScenario(db: Database, admin: Actor, scenario: Scenario, seed = 7): Promise<AgentEvalRow> {
  const started = performance.now();
  const clock = manualClock();
  const row: AgentEvalRow = {
    scenario: scenario.id,
    incident: false,
    planned: [],
    expected: scenario.expected_action_types,
    expectedInPlan: false,
    status: "no incident",
    healthRestored: false,
    ticksToRecover: null,
    topWhatIf: null,
    failure: null,
    ms: 0,
  };
  const run = await startSimulation(db, admin, scenario.id, { seed, speed: 1 }, { clock });
  if (!run.ok) throw new Error(run.error);
  const id = run.data.id;
  try {
    let incidentId: string | undefined;
    const horizon = Math.max(scenario.kind === "injection" ? 300 : scenario.duration_seconds, 120) * 1000;
    for (let t = 0; t < horizon && !incidentId; t += TICK_MS) {
      await tick(db, id, clock);
      const sim = await getSimulation(db, { workspaceId: admin.workspaceId, id });
      incidentId = sim.state.incidents.find((i) => i.service === scenario.root_service)?.id;
    }
    if (!incidentId) return row;
    row.incident = true;
    const offlineDiagnosis = resolveProviders().filter((p) => p.id === "offline");
    const diagnosed = await runDiagnosis(db, admin, incidentId, { providers: offlineDiagnosis, skipAgent: true });
    if (!diagnosed.ok) throw new Error(diagnosed.error);
    const planned = await requestPlan(db, admin, incidentId, {}, { providers: [{ id: "offline", model: OFFLINE_PLANNER_ID, languageModel: createOfflinePlannerModel() }], now: clock.now() });
    if (!planned.ok) throw new Error(planned.error);
    let plan: AgentPlan = planned.data;
    row.planned = plan.steps.map((s) => `${s.action}@${s.target}`);
    row.expectedInPlan = plan.steps.some((s) => matchesExpected(s.action, scenario.expected_action_types));
    const top = plan.whatIf[0];
    row.topWhatIf = top ? `${top.action}@${top.target} ${Math.round(top.success_probability * 100)}%` : null;
    if (plan.status === "awaiting_approval") {
      const approved = await approvePlan(db, admin, plan.id, { comment: "eval" }, { now: clock.now() });
      if (!approved.ok) throw new Error(approved.error);
      plan = approved.data;
    }
    let ticks = 0;
    while (plan.status === "verifying" && ticks < 200) {
      await tick(db, id, clock);
      ticks++;
      await runAgentJobs(db, { now: clock.now() });
      [plan] = await db.select().from(agentPlans).where(eq(agentPlans.id, plan.id));
    }
    row.status = plan.status;
    row.healthRestored = plan.status === "succeeded";
    if (row.healthRestored) {
      // Read from the agent's own record: the world time from the last step until every check first held.
      const [entry] = await db.select({ data: auditLog.data }).from(auditLog).where(and(eq(auditLog.targetId, plan.id), eq(auditLog.action, "agent.verify.pass")));
      const after = (entry?.data as { recoveredAfterMs?: number | null } | undefined)?.recoveredAfterMs;
      row.ticksToRecover = typeof after === "number" ? Math.round(after / TICK_MS) : ticks;
    }
    row.failure = plan.failureReason;
    return row;
  } finally {
    const [sim] = await db.select({ status: simulations.status }).from(simulations).where(eq(simulations.id, id));
    if (sim?.status === "running") await stopSimulation(db, admin, id, { clock });
    row.ms = Math.round(performance.now() - started);
  }
}

export async function evaluateAgent(db: Database, admin: Actor, options: { only?: string[] } = {}): Promise<AgentEvalRow[]> {
  const rows: AgentEvalRow[] = [];
  for (const s of builtinScenarios()) {
    if (options.only?.length && !options.only.includes(s.id)) continue;
    rows.push(await evaluateScenario(db, admin, s));
  }
  return rows;
}

export function summariseAgent(rows: AgentEvalRow[]) {
  const n = rows.length;
  const expected = rows.filter((r) => r.expectedInPlan).length;
  const restored = rows.filter((r) => r.healthRestored).length;
  const ticks = rows.map((r) => r.ticksToRecover).filter((t): t is number => t !== null);
  return {
    n,
    expectedInPlan: expected,
    healthRestored: restored,
    restoredRate: n ? restored / n : 0,
    meanTicks: ticks.length ? ticks.reduce((a, b) => a + b, 0) / ticks.length : null,
    maxTicks: ticks.length ? Math.max(...ticks) : null,
    targetsMet: expected === n && (n ? restored / n : 0) >= 0.9,
  };
}

export const catalogSize = Object.keys(catalog).length as number;
export type { ActionId };
