import { eq, sql } from "drizzle-orm";
import { agentPlans, type AgentPlan, type PlanStepRecord } from "@/db/schema";
import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/shared";
import { AppError } from "@/lib/errors";
import { publish } from "@/lib/realtime";
import { parseInput, toResult, type Result } from "@/lib/result";
import { applyIntervention, findRun } from "@/lib/simulation";
import { catalog, type ActionId } from "./catalog";
import { agentActor } from "./context";
import { assertMayDecide, findPlan } from "./decide";
import { announce, record } from "./notify";
import { decisionSchema } from "./schemas";
import { assertTransition } from "./state";

/**
 * Rolls back an executed plan (succeeded or failed): each reversible step that ran is undone, last
 * first, by its rollback step, in one transaction holding the plan's row lock (a second rollback
 * finds it rolled back: 409). A person decides it — the same people who may approve. Steps that
 * cannot be undone (a restart, a flush) are left as they are and said so. The simulated world
 * records each undo; it does not model side effects of remediations, so undoing a fix does not
 * bring its fault back.
 */
export async function rollbackPlan(db: Database, actor: Actor, id: string, input: unknown = {}, options: { now?: Date } = {}): Promise<Result<AgentPlan>> {
  return toResult({ op: "agent.rollbackPlan", actor }, async () => {
    await assertMayDecide(db, actor);
    const { comment } = parseInput(decisionSchema, input ?? {});
    const plan = await findPlan(db, actor.workspaceId, id);
    assertTransition(plan.status, "rolled_back");
    if (!plan.steps.some((s) => s.status === "done" && s.reversible)) {
      throw new AppError("conflict:plan", "Nothing to roll back: no reversible step of this plan was executed.");
    }
    const run = plan.simulationId ? await findRun(db, { workspaceId: actor.workspaceId, id: plan.simulationId }) : undefined;
    if (!run || run.status !== "running") throw new AppError("conflict:world", "The drill this plan acted on is no longer running: there is nothing to roll back in.");
    const agent = agentActor(actor.workspaceId);
    const now = options.now ?? new Date();
    const { row, entry } = await db.transaction(async (tx) => {
      const [locked] = await tx.select().from(agentPlans).where(eq(agentPlans.id, plan.id)).for("update");
      assertTransition(locked.status, "rolled_back");
      const steps: PlanStepRecord[] = [...locked.steps];
      const undone: string[] = [];
      const kept: string[] = [];
      for (let i = steps.length - 1; i >= 0; i--) {
        const s = steps[i];
        if (s.status !== "done") continue;
        if (!s.reversible || !s.rollback) {
          kept.push(`${s.action} on ${s.target}`);
          continue;
        }
        const undo = catalog[s.rollback.action as ActionId];
        const original = catalog[s.action as ActionId];
        const applied = await applyIntervention(tx, agent, { simulationId: run.id, service: original.global ? null : s.target, action: `undo:${original.worldAction}` }, now);
        steps[i] = { ...s, status: "rolled_back", rollback_output: `${s.rollback.description} (${undo.label.toLowerCase()}; world time ${Math.round(applied.worldMs / 1000)} s)` };
        undone.push(s.rollback.description);
      }
      const [updated] = await tx
        .update(agentPlans)
        .set({
          status: "rolled_back",
          steps,
          rolledBackByKind: actor.kind,
          rolledBackById: actor.id,
          rolledBackByName: actor.name,
          rolledBackAt: now,
          rollbackComment: comment || null,
          updatedAt: now,
          version: sql`${agentPlans.version} + 1`,
        })
        .where(eq(agentPlans.id, plan.id))
        .returning();
      const entryId = await record(tx, actor, updated, {
        action: "agent.plan.rollback",
        body: `${actor.name} rolled back the agent's plan: ${undone.join(" ")}${kept.length ? ` Not reversible, left as is: ${kept.join(", ")}.` : ""}${comment ? ` — ${comment}` : ""}`,
        data: { undone: undone.length, kept, comment: comment ?? null },
      });
      return { row: updated, entry: entryId };
    });
    await announce(actor, row, [entry]);
    await publish(agent, { type: "simulation.updated", simulationId: run.id, status: "running" });
    return row;
  });
}
