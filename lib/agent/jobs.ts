import { and, eq, inArray, lt, or, sql } from "drizzle-orm";
import { agentPlans } from "@/db/schema";
import type { Database } from "@/db/client";
import { logger } from "@/lib/logger";
import { withJobLock } from "@/lib/scheduler/advisory-lock";
import { agentActor } from "./context";
import { executePlan } from "./execute";
import { expirePlans } from "./expire";
import { announce, record } from "./notify";
import { progressVerification } from "./verify";

const log = logger("agent");

export const AGENT_JOB = "agent";
/** An approved plan not picked up by its approver's request within this is executed by the job. */
export const APPROVED_GRACE_MS = 30_000;
/** A plan still executing after this was interrupted (a crash between steps): it fails, its done steps stay rollbackable. */
export const EXECUTING_STALL_MS = 5 * 60_000;

export type AgentJobReport = { ran: boolean; expired: number; verified: number; settled: number; resumed: number; interrupted: number };

/**
 * The agent's background work, on the scheduler (and `/api/cron/agent`): expire overdue plans,
 * read verifying plans' checks back from their worlds, execute approved plans nobody is executing,
 * and fail plans whose execution was interrupted. The advisory lock keeps instances from doing it
 * twice; every write is conditional on the plan's status anyway.
 */
export async function runAgentJobs(db: Database, options: { now?: Date } = {}): Promise<AgentJobReport> {
  const now = options.now ?? new Date();
  const report: AgentJobReport = { ran: false, expired: 0, verified: 0, settled: 0, resumed: 0, interrupted: 0 };
  const due = await withJobLock(db, AGENT_JOB, (tx) =>
    tx
      .select({ id: agentPlans.id, workspaceId: agentPlans.workspaceId, status: agentPlans.status, updatedAt: agentPlans.updatedAt, decidedByName: agentPlans.decidedByName })
      .from(agentPlans)
      .where(
        or(
          eq(agentPlans.status, "verifying"),
          and(eq(agentPlans.status, "approved"), lt(agentPlans.updatedAt, new Date(now.getTime() - APPROVED_GRACE_MS))),
          and(eq(agentPlans.status, "executing"), lt(agentPlans.updatedAt, new Date(now.getTime() - EXECUTING_STALL_MS))),
        ),
      ),
  );
  if (!due.ran) return report;
  report.ran = true;
  report.expired = (await expirePlans(db, { now })).length;
  for (const p of due.value) {
    try {
      if (p.status === "verifying") {
        report.verified++;
        const after = await progressVerification(db, p.id, { now });
        if (after && after.status !== "verifying") report.settled++;
      } else if (p.status === "approved") {
        report.resumed++;
        await executePlan(db, p.id, { workspaceId: p.workspaceId, approvedBy: p.decidedByName, now: options.now });
      } else if (p.status === "executing") {
        report.interrupted += await interrupt(db, p.id, p.workspaceId, now);
      }
    } catch (err) {
      log.error({ err, planId: p.id }, "agent job failed on a plan");
    }
  }
  return report;
}

async function interrupt(db: Database, id: string, workspaceId: string, now: Date): Promise<number> {
  const agent = agentActor(workspaceId);
  const done = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(agentPlans)
      .set({ status: "failed", failureReason: "Execution was interrupted before every step ran.", finishedAt: now, updatedAt: now, version: sql`${agentPlans.version} + 1` })
      .where(and(eq(agentPlans.id, id), inArray(agentPlans.status, ["executing"])))
      .returning();
    if (!row) return null;
    const entry = await record(tx, agent, row, { action: "agent.step.fail", body: "The agent's execution was interrupted before every step ran. The incident's status is unchanged." });
    return { row, entry };
  });
  if (!done) return 0;
  await announce(agent, done.row, [done.entry]);
  return 1;
}
