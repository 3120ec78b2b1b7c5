import type { AgentPlan } from "@/db/schema";
import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/shared";
import { recordAudit } from "@/lib/audit";
import { appendTimelineEntry } from "@/lib/incidents";
import { publish } from "@/lib/realtime";

/**
 * Every plan, decision and step goes to the audit log and, when the plan has an incident, to its
 * timeline (kind "action"), inside the transaction that made the change.
 */
export async function record(
  tx: Database,
  actor: Actor,
  plan: Pick<AgentPlan, "id" | "incidentId">,
  entry: { action: string; body: string; data?: Record<string, unknown> },
): Promise<string | null> {
  await recordAudit(tx, actor, { action: entry.action, targetType: "agent_plan", targetId: plan.id, data: { incidentId: plan.incidentId, ...(entry.data ?? {}) } });
  if (!plan.incidentId) return null;
  const row = await appendTimelineEntry(tx, actor, {
    incidentId: plan.incidentId,
    kind: "action",
    body: entry.body,
    data: { planId: plan.id, event: entry.action, ...(entry.data ?? {}) },
  });
  return row.id;
}

/** After the commit: the plan's new state to everyone watching, and the timeline entries it wrote. */
export async function announce(actor: Actor, plan: Pick<AgentPlan, "id" | "incidentId" | "status">, entries: (string | null)[] = [], state: string = plan.status): Promise<void> {
  await publish(actor, { type: "agent.step", incidentId: plan.incidentId, executionId: plan.id, state });
  for (const entryId of entries) if (entryId && plan.incidentId) await publish(actor, { type: "incident.timeline", incidentId: plan.incidentId, entryId });
}

/** "restart payment, then toggle feature flag payment (paymentFailure)": a plan's steps in a line. */
export function stepsLine(steps: AgentPlan["steps"]): string {
  return steps
    .map((s) => `${s.action.replace(/_/g, " ")} ${s.target}${typeof s.parameters.flag === "string" ? ` (${s.parameters.flag})` : ""}${typeof s.parameters.from_version === "string" ? ` (from ${s.parameters.from_version})` : ""}`)
    .join(", then ");
}
