import { and, eq, sql } from "drizzle-orm";
import { agentPlans, openStatuses, type AgentPlan, type CheckResult } from "@/db/schema";
import type { Database } from "@/db/client";
import { applyStatusChange, getIncidentById } from "@/lib/incidents";
import { publish } from "@/lib/realtime";
import { CHECK_INTERVAL_MS, findRun, runWorld } from "@/lib/simulation";
import { checksOfPlan } from "./build";
import { CONSECUTIVE_CHECKS, evaluateChecks, firstPassMs } from "./checks";
import { agentActor } from "./context";
import { announce, record, stepsLine } from "./notify";
import { readAgentSettings } from "./settings";

/** How far past a completed drill's last tick its settled world is read. */
const SETTLED_MARGIN_MS = 2 * 60_000 + CONSECUTIVE_CHECKS * CHECK_INTERVAL_MS;

type Outcome = { status: "succeeded" | "failed"; reason: string | null; checks: CheckResult[]; recoveredAfterMs?: number | null };

/**
 * Reads a verifying plan's checks back from its drill's world at the health-check instants since its
 * last step, and settles it: succeeded when every check has held for three consecutive checks (and
 * there is at least one: zero checks never pass), failed when the window closes first — naming the
 * check that did not hold — or when the drill was stopped. On success the incident may move to
 * resolved (a workspace setting), with the agent as the actor and the approver in the reason; on
 * failure its status is left alone and the rollback is offered. Safe to run from several places at
 * once (job, cron, a read): the settling write is conditional on the plan still verifying.
 */
export async function progressVerification(db: Database, planId: string, options: { now?: Date } = {}): Promise<AgentPlan> {
  const now = options.now ?? new Date();
  const [plan] = await db.select().from(agentPlans).where(eq(agentPlans.id, planId));
  if (!plan || plan.status !== "verifying") return plan;
  const run = plan.simulationId ? await findRun(db, { workspaceId: plan.workspaceId, id: plan.simulationId }) : undefined;
  const specs = checksOfPlan(plan.steps, plan.incidentSystem, run?.healthThreshold ?? 70);
  let outcome: Outcome | null = null;
  let results: CheckResult[] = plan.checks;
  if (specs.length === 0) {
    outcome = { status: "failed", reason: "No checks were declared for this plan: zero checks never count as a pass.", checks: [] };
  } else if (!run) {
    outcome = { status: "failed", reason: "The drill's world is gone: nothing left to verify against.", checks: plan.checks };
  } else {
    const from = plan.verifyFromWorldMs ?? 0;
    // A completed drill has settled: nothing is left to happen in its world (its faults ended and
    // recovered), so the instants after its last tick read its quiet state, cascades included (two
    // minutes covers their delays). A stopped one was healed by the stop, which proves nothing.
    const to = run.status === "completed" ? Math.max(run.worldElapsedMs, from) + SETTLED_MARGIN_MS : run.worldElapsedMs;
    const { world, topology } = runWorld(run);
    const v = evaluateChecks(specs, world, topology, from, to);
    results = v.results;
    const failing = v.results.filter((r) => !r.passed);
    const named = failing.map((r) => `${r.name} (${r.detail})`).join("; ");
    if (v.passed) {
      const after = firstPassMs(specs, world, topology, from, to);
      outcome = { status: "succeeded", reason: null, checks: v.results, recoveredAfterMs: after };
    }
    else if (run.status !== "running" && run.status !== "completed") outcome = { status: "failed", reason: `The drill was ${run.status} before the checks held: ${named}`, checks: v.results };
    else if (to >= (plan.verifyDeadlineWorldMs ?? Infinity) || (plan.verifyDeadlineAt && now >= plan.verifyDeadlineAt) || run.status === "completed") {
      outcome = { status: "failed", reason: `Verification failed: ${named}`, checks: v.results };
    }
  }

  if (!outcome) {
    if (JSON.stringify(results) === JSON.stringify(plan.checks)) return plan;
    const [row] = await db
      .update(agentPlans)
      .set({ checks: results, updatedAt: now })
      .where(and(eq(agentPlans.id, plan.id), eq(agentPlans.status, "verifying")))
      .returning();
    if (row) await announce(agentActor(plan.workspaceId), row, [], "verifying");
    return row ?? plan;
  }
  return settle(db, plan, outcome, now);
}

async function settle(db: Database, plan: AgentPlan, outcome: Outcome, now: Date): Promise<AgentPlan> {
  const agent = agentActor(plan.workspaceId);
  const settings = await readAgentSettings(db, plan.workspaceId);
  const result = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(agentPlans)
      .set({ status: outcome.status, checks: outcome.checks, failureReason: outcome.reason?.slice(0, 1000) ?? null, finishedAt: now, updatedAt: now, version: sql`${agentPlans.version} + 1` })
      .where(and(eq(agentPlans.id, plan.id), eq(agentPlans.status, "verifying")))
      .returning();
    if (!row) return null;
    const entries: (string | null)[] = [];
    const passed = outcome.checks.filter((c) => c.passed).length;
    if (outcome.status === "succeeded") {
      const when = typeof outcome.recoveredAfterMs === "number" ? `, ${Math.round(outcome.recoveredAfterMs / 1000)} s of world time after the last step` : "";
      entries.push(
        await record(tx, agent, row, {
          action: "agent.verify.pass",
          body: `Verified: all ${passed} checks held for consecutive health checks${when} (${outcome.checks.map((c) => c.name).join("; ")}).`,
          data: { recoveredAfterMs: outcome.recoveredAfterMs ?? null },
        }),
      );
    } else {
      const undo = row.steps.some((s) => s.status === "done" && s.reversible);
      entries.push(
        await record(tx, agent, row, {
          action: "agent.verify.fail",
          body: `${outcome.reason ?? "Verification failed."} The incident's status is unchanged.${undo ? " The plan can be rolled back." : ""}`,
        }),
      );
    }
    let resolved: { id: string; version: number } | null = null;
    if (outcome.status === "succeeded" && settings.resolveOnSuccess && row.incidentId) {
      const incident = await getIncidentById(tx, { workspaceId: row.workspaceId, id: row.incidentId }).catch(() => null);
      if (incident && (openStatuses as readonly string[]).includes(incident.status)) {
        const reason = `Remediation verified by the ${agent.name}: ${stepsLine(row.steps)}${row.decidedByName ? ` (approved by ${row.decidedByName})` : ""}.`;
        const changed = await applyStatusChange(tx, agent, row.incidentId, { status: "resolved", reason: reason.slice(0, 500), at: now });
        if (changed.changed) resolved = { id: changed.incident.id, version: changed.incident.version };
      }
    }
    return { row, entries, resolved };
  });
  if (!result) {
    const [again] = await db.select().from(agentPlans).where(eq(agentPlans.id, plan.id));
    return again;
  }
  await announce(agent, result.row, result.entries);
  if (result.resolved) await publish(agent, { type: "incident.updated", incidentId: result.resolved.id, version: result.resolved.version, fields: ["status"] });
  return result.row;
}
