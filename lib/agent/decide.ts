import { and, eq, gt, inArray, ne, sql } from "drizzle-orm";
import { agentPlans, type AgentPlan } from "@/db/schema";
import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/shared";
import { assertCan } from "@/lib/auth";
import { AppError } from "@/lib/errors";
import { lockKey } from "@/lib/scheduler/advisory-lock";
import { parseInput, toResult, type Result } from "@/lib/result";
import { findRun } from "@/lib/simulation";
import { getWorkspaceById } from "@/lib/workspaces";
import { executePlan } from "./execute";
import { expirePlans } from "./expire";
import { announce, record } from "./notify";
import { executionsThisHour } from "./plan";
import { decisionSchema, planIdSchema } from "./schemas";
import { readAgentSettings } from "./settings";
import { assertTransition } from "./state";

/** Reads a plan of the actor's workspace (404 for anything else). */
export async function findPlan(db: Database, workspaceId: string, id: string): Promise<AgentPlan> {
  if (!planIdSchema.safeParse(id).success) throw new AppError("not_found:plan", "Plan not found.");
  const [row] = await db.select().from(agentPlans).where(and(eq(agentPlans.workspaceId, workspaceId), eq(agentPlans.id, id)));
  if (!row) throw new AppError("not_found:plan", "Plan not found.");
  return row;
}

/**
 * Who may decide on a plan: members (responder or above) and keys with `write`, and guests only in
 * the demo workspace (a guest actor anywhere else is refused here too, whatever resolved it).
 */
export async function assertMayDecide(db: Database, actor: Actor): Promise<void> {
  assertCan(actor, "agent:approve");
  if (actor.kind === "guest") {
    const workspace = await getWorkspaceById(db, actor.workspaceId);
    if (workspace?.kind !== "demo") throw new AppError("forbidden:guest", "Guests may approve plans only in the demo workspace.");
  }
  if (actor.kind === "system") throw new AppError("forbidden:role", "Plans are approved by people (or their API keys), not by the system.");
}

/** The plan's state as a decision sees it: an overdue plan is expired first, whatever the job has done. */
async function current(db: Database, actor: Actor, id: string, now: Date): Promise<AgentPlan> {
  const plan = await findPlan(db, actor.workspaceId, id);
  if (plan.status === "awaiting_approval" && plan.expiresAt <= now) {
    await expirePlans(db, { workspaceId: actor.workspaceId, now });
    return findPlan(db, actor.workspaceId, id);
  }
  return plan;
}

/**
 * Approves a plan waiting for approval, then executes it. Atomic: the approval is a conditional
 * `UPDATE … WHERE status = 'awaiting_approval' AND expires_at > now RETURNING`, so of any number of
 * concurrent approvals exactly one succeeds and executes; the others (and any approval of a plan
 * already decided, expired or rejected) get 409. Policy is enforced here: the admin veto (403), and
 * the executions-per-incident-per-hour budget (429), counted under a per-incident advisory lock.
 */
export async function approvePlan(db: Database, actor: Actor, id: string, input: unknown = {}, options: { now?: Date } = {}): Promise<Result<AgentPlan>> {
  return toResult({ op: "agent.approvePlan", actor }, async () => {
    await assertMayDecide(db, actor);
    const { comment } = parseInput(decisionSchema, input ?? {});
    const now = options.now ?? new Date();
    const plan = await current(db, actor, id, now);
    assertTransition(plan.status, "approved");
    if (plan.requiresAdmin && actor.role !== "admin") {
      throw new AppError("forbidden:veto", "This plan restarts or fails over a stateful store: the workspace's policy needs an admin to approve it.");
    }
    const run = plan.simulationId ? await findRun(db, { workspaceId: actor.workspaceId, id: plan.simulationId }) : undefined;
    if (!run || run.status !== "running") {
      throw new AppError("conflict:world", "The drill this plan acts on is no longer running: there is nothing to act on.");
    }
    const settings = await readAgentSettings(db, actor.workspaceId);
    const { approved, entry } = await db.transaction(async (tx) => {
      if (plan.incidentId) {
        // One decision at a time per incident: the hourly budget and the one-plan-in-flight rule hold under races.
        await tx.execute(sql`select pg_advisory_xact_lock(${lockKey(`agent:incident:${plan.incidentId}`)})`);
        const used = await executionsThisHour(tx, actor.workspaceId, plan.incidentId, now);
        if (used >= settings.maxExecutionsPerIncidentPerHour) {
          throw new AppError("rate_limited:agent", `This incident has had ${used} executions in the last hour; the workspace allows ${settings.maxExecutionsPerIncidentPerHour}.`, {
            retryAfterSeconds: 600,
          });
        }
        const [inFlight] = await tx
          .select({ id: agentPlans.id })
          .from(agentPlans)
          .where(and(eq(agentPlans.incidentId, plan.incidentId), inArray(agentPlans.status, ["approved", "executing", "verifying"]), ne(agentPlans.id, plan.id)))
          .limit(1);
        if (inFlight) throw new AppError("conflict:plan", "Another plan for this incident is being executed or verified: wait for its outcome.");
      }
      const [row] = await tx
        .update(agentPlans)
        .set({
          status: "approved",
          decidedByKind: actor.kind,
          decidedById: actor.id,
          decidedByName: actor.name,
          decidedAt: now,
          decisionComment: comment || null,
          updatedAt: now,
          version: sql`${agentPlans.version} + 1`,
        })
        .where(and(eq(agentPlans.id, plan.id), eq(agentPlans.workspaceId, actor.workspaceId), eq(agentPlans.status, "awaiting_approval"), gt(agentPlans.expiresAt, now)))
        .returning();
      if (!row) {
        const [now2] = await tx.select({ status: agentPlans.status }).from(agentPlans).where(eq(agentPlans.id, plan.id));
        assertTransition(now2?.status ?? "expired", "approved");
        throw new AppError("conflict:plan", "This plan has expired: it cannot be approved.", { details: { status: "expired" } });
      }
      const entryId = await record(tx, actor, row, { action: "agent.plan.approve", body: `${actor.name} approved the agent's plan${comment ? `: ${comment}` : "."}`, data: { comment: comment ?? null } });
      return { approved: row, entry: entryId };
    });
    await announce(actor, approved, [entry]);
    return executePlan(db, approved.id, { workspaceId: actor.workspaceId, approvedBy: actor.name, now: options.now });
  });
}

/** Rejects a plan waiting for approval (409 once it is decided, expired or rejected). */
export async function rejectPlan(db: Database, actor: Actor, id: string, input: unknown = {}, options: { now?: Date } = {}): Promise<Result<AgentPlan>> {
  return toResult({ op: "agent.rejectPlan", actor }, async () => {
    await assertMayDecide(db, actor);
    const { comment } = parseInput(decisionSchema, input ?? {});
    const now = options.now ?? new Date();
    const plan = await current(db, actor, id, now);
    assertTransition(plan.status, "rejected");
    const { rejected, entry } = await db.transaction(async (tx) => {
      const [row] = await tx
        .update(agentPlans)
        .set({
          status: "rejected",
          decidedByKind: actor.kind,
          decidedById: actor.id,
          decidedByName: actor.name,
          decidedAt: now,
          decisionComment: comment || null,
          finishedAt: now,
          updatedAt: now,
          version: sql`${agentPlans.version} + 1`,
        })
        .where(and(eq(agentPlans.id, plan.id), eq(agentPlans.workspaceId, actor.workspaceId), eq(agentPlans.status, "awaiting_approval")))
        .returning();
      if (!row) {
        const [again] = await tx.select({ status: agentPlans.status }).from(agentPlans).where(eq(agentPlans.id, plan.id));
        assertTransition(again?.status ?? "expired", "rejected");
        throw new AppError("conflict:plan", "This plan changed meanwhile: reload it.");
      }
      const entryId = await record(tx, actor, row, { action: "agent.plan.reject", body: `${actor.name} rejected the agent's plan${comment ? `: ${comment}` : "."}`, data: { comment: comment ?? null } });
      return { rejected: row, entry: entryId };
    });
    await announce(actor, rejected, [entry]);
    return rejected;
  });
}
