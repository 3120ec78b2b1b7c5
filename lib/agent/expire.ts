import { and, eq, lte, sql } from "drizzle-orm";
import { agentPlans, type AgentPlan } from "@/db/schema";
import type { Database } from "@/db/client";
import { agentActor } from "./context";
import { announce, record } from "./notify";

/**
 * Plans waiting for approval past their expiry become `expired` (one conditional UPDATE, so the
 * scheduler, a cron call and a lazy read can all run it at once). Runs from the agent's job and
 * before any read or decision, so nobody sees — or approves — an overdue plan as pending.
 */
export async function expirePlans(db: Database, options: { workspaceId?: string; now?: Date } = {}): Promise<AgentPlan[]> {
  const now = options.now ?? new Date();
  const due = [eq(agentPlans.status, "awaiting_approval"), lte(agentPlans.expiresAt, now)];
  if (options.workspaceId) due.push(eq(agentPlans.workspaceId, options.workspaceId));
  const { expired, entries } = await db.transaction(async (tx) => {
    const rows = await tx
      .update(agentPlans)
      .set({ status: "expired", failureReason: "No decision before the plan expired.", finishedAt: now, updatedAt: now, version: sql`${agentPlans.version} + 1` })
      .where(and(...due))
      .returning();
    const written: (string | null)[] = [];
    for (const row of rows) {
      const minutes = Math.round((row.expiresAt.getTime() - row.createdAt.getTime()) / 60_000);
      written.push(await record(tx, agentActor(row.workspaceId), row, { action: "agent.plan.expire", body: `The agent's plan expired: no decision within ${minutes} minutes.` }));
    }
    return { expired: rows, entries: written };
  });
  for (const [i, row] of expired.entries()) await announce(agentActor(row.workspaceId), row, [entries[i]]);
  return expired;
}
