import { and, asc, count, desc, eq, inArray, type SQL } from "drizzle-orm";
import { agentPlans, openStatuses, type AgentPlan, type PlanStatus } from "@/db/schema";
import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/shared";
import { assertCan } from "@/lib/auth";
import { buildSignals } from "@/lib/diagnosis";
import { getIncidentById } from "@/lib/incidents";
import { incidentIdSchema, incidentKey } from "@/lib/incidents/shared";
import { parseInput } from "@/lib/result";
import { findRun } from "@/lib/simulation";
import { loadContext } from "./context";
import { planView } from "./view";
import { findPlan } from "./decide";
import { expirePlans } from "./expire";
import { listPlansSchema } from "./schemas";
import { progressVerification } from "./verify";

/**
 * One plan for someone allowed to read the workspace. Reads are where overdue plans expire and a
 * verifying plan's checks are read again, so a page never shows a stale pending state even when the
 * scheduler is slow.
 */
export async function getPlan(db: Database, actor: Actor, id: string, options: { now?: Date } = {}): Promise<AgentPlan> {
  assertCan(actor, "incident:read");
  const now = options.now ?? new Date();
  let plan = await findPlan(db, actor.workspaceId, id);
  if (plan.status === "awaiting_approval" && plan.expiresAt <= now) {
    await expirePlans(db, { workspaceId: actor.workspaceId, now });
    plan = await findPlan(db, actor.workspaceId, id);
  }
  if (plan.status === "verifying") plan = await progressVerification(db, plan.id, { now });
  return plan;
}

export type PlanList = { items: AgentPlan[]; total: number };

/**
 * Plans of the workspace, filtered by status and incident. Plans awaiting approval alone (the
 * approvals inbox) come oldest first — the one waiting longest on top; any other list newest first.
 */
export async function listPlans(db: Database, actor: Actor, query: unknown = {}, options: { now?: Date } = {}): Promise<PlanList> {
  assertCan(actor, "incident:read");
  const q = parseInput(listPlansSchema, query ?? {});
  await expirePlans(db, { workspaceId: actor.workspaceId, now: options.now });
  const conds: SQL[] = [eq(agentPlans.workspaceId, actor.workspaceId)];
  if (q.status?.length) conds.push(inArray(agentPlans.status, q.status as PlanStatus[]));
  if (q.incident_id) conds.push(eq(agentPlans.incidentId, q.incident_id));
  const inbox = q.status?.length === 1 && q.status[0] === "awaiting_approval";
  const [items, [{ n }]] = await Promise.all([
    db
      .select()
      .from(agentPlans)
      .where(and(...conds))
      .orderBy(inbox ? asc(agentPlans.createdAt) : desc(agentPlans.createdAt), asc(agentPlans.id))
      .limit(q.limit),
    db.select({ n: count() }).from(agentPlans).where(and(...conds)),
  ]);
  return { items, total: Number(n) };
}

/**
 * What the incident page's agent panel shows: the world the agent would act in (or why it cannot),
 * the targets a person may pick an action for, and the incident's plans (verifying ones read again).
 */
export async function incidentAgentPanel(db: Database, actor: Actor, incidentId: string, options: { now?: Date } = {}) {
  assertCan(actor, "incident:read");
  const id = parseInput(incidentIdSchema, incidentId);
  const incident = await getIncidentById(db, { workspaceId: actor.workspaceId, id });
  const now = options.now ?? new Date();
  const ctx = await loadContext(db, actor.workspaceId, { incident }, now);
  await expirePlans(db, { workspaceId: actor.workspaceId, now });
  let plans = await db
    .select()
    .from(agentPlans)
    .where(and(eq(agentPlans.workspaceId, actor.workspaceId), eq(agentPlans.incidentId, id)))
    .orderBy(desc(agentPlans.createdAt), desc(agentPlans.id))
    .limit(10);
  if (plans.some((p) => p.status === "verifying")) {
    plans = await Promise.all(plans.map((p) => (p.status === "verifying" ? progressVerification(db, p.id, { now }) : p)));
  }
  const signals = buildSignals(incident);
  return {
    incidentMode: incident.remediationMode,
    mode: ctx.mode,
    world: ctx.world,
    canExecute: !!ctx.run,
    notice: ctx.notice,
    open: (openStatuses as readonly string[]).includes(incident.status),
    targets: ctx.topology.services.map((s) => ({ name: s.name, kind: s.kind })),
    flags: signals.feature_flags.filter((f) => f.enabled !== false).map((f) => f.name),
    blockedActions: ctx.settings.blockedActions,
    planExpiryMinutes: ctx.settings.planExpiryMinutes,
    plans: plans.map(planView),
  };
}
export type IncidentAgentPanel = Awaited<ReturnType<typeof incidentAgentPanel>>;

/** The approvals inbox: every plan awaiting approval, oldest first, with the incident it is for. */
export async function approvalsInbox(db: Database, actor: Actor, options: { now?: Date; limit?: number } = {}) {
  const { items, total } = await listPlans(db, actor, { status: "awaiting_approval", limit: String(options.limit ?? 100) }, options);
  const incidents = new Map<string, { id: string; key: string; title: string; severity: string; status: string; service: string }>();
  for (const id of new Set(items.map((p) => p.incidentId).filter((x): x is string => !!x))) {
    const inc = await getIncidentById(db, { workspaceId: actor.workspaceId, id }).catch(() => null);
    if (inc) incidents.set(id, { id: inc.id, key: incidentKey(inc.number), title: inc.title, severity: inc.severity, status: inc.status, service: inc.service });
  }
  const running = new Set<string>();
  for (const id of new Set(items.map((p) => p.simulationId).filter((x): x is string => !!x))) {
    if ((await findRun(db, { workspaceId: actor.workspaceId, id }))?.status === "running") running.add(id);
  }
  return {
    total,
    items: items.map((p) => ({
      ...planView(p),
      incident: p.incidentId ? (incidents.get(p.incidentId) ?? null) : null,
      /** Whether its drill still runs: an ended drill leaves nothing to act on. */
      worldAvailable: !!p.simulationId && running.has(p.simulationId),
    })),
  };
}
export type ApprovalsInbox = Awaited<ReturnType<typeof approvalsInbox>>;
