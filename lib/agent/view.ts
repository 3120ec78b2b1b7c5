import type { AgentPlan, CheckResult, PlanStepRecord, WhatIfRow } from "@/db/schema/agent";
import { catalog, type ActionId } from "./catalog";

/**
 * A plan as the browser shows it (camelCase, dates as ISO strings): the same JSON from the server
 * render and from the refetch routes.
 */
export function planView(p: AgentPlan) {
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  const actor = (kind: string | null, id: string | null, name: string | null) => (kind && name ? { kind, id, name } : null);
  return {
    id: p.id,
    incidentId: p.incidentId,
    simulationId: p.simulationId,
    incidentSystem: p.incidentSystem,
    targetService: p.targetService,
    status: p.status,
    mode: p.mode,
    world: p.world,
    source: p.source,
    summary: p.summary,
    provider: p.provider,
    model: p.model,
    attempts: p.attempts,
    steps: p.steps.map(stepView),
    whatIf: p.whatIf.map(whatIfView),
    dropped: p.dropped,
    checks: p.checks as CheckResult[],
    riskLevel: p.riskLevel,
    riskScore: p.riskScore,
    requiresAdmin: p.requiresAdmin,
    notice: p.notice,
    expiresAt: p.expiresAt.toISOString(),
    createdBy: actor(p.createdByKind, p.createdById, p.createdByName)!,
    decidedBy: actor(p.decidedByKind, p.decidedById, p.decidedByName),
    decidedAt: iso(p.decidedAt),
    decisionComment: p.decisionComment,
    executedAt: iso(p.executedAt),
    finishedAt: iso(p.finishedAt),
    failureReason: p.failureReason,
    rolledBackBy: actor(p.rolledBackByKind, p.rolledBackById, p.rolledBackByName),
    rolledBackAt: iso(p.rolledBackAt),
    rollbackComment: p.rollbackComment,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
    version: p.version,
  };
}

export function stepView(s: PlanStepRecord) {
  return {
    index: s.index,
    action: s.action,
    label: catalog[s.action as ActionId]?.label ?? s.action,
    target: s.target,
    parameters: s.parameters,
    rationale: s.rationale,
    evidence: s.evidence,
    expectedEffect: s.expected_effect,
    risk: s.risk,
    blastRadius: s.blast_radius,
    reversible: s.reversible,
    rollback: s.rollback,
    preview: s.preview,
    checks: s.checks.map((c) => c.name),
    status: s.status,
    output: s.output ?? null,
    error: s.error ?? null,
    startedAt: s.started_at ?? null,
    finishedAt: s.finished_at ?? null,
    durationMs: s.duration_ms ?? null,
    rollbackOutput: s.rollback_output ?? null,
  };
}

export function whatIfView(w: WhatIfRow) {
  return {
    rank: w.rank,
    action: w.action,
    label: w.action === "no_action" ? "Do nothing" : (catalog[w.action as ActionId]?.label ?? w.action),
    target: w.target,
    inPlan: w.in_plan,
    successProbability: w.success_probability,
    expectedRecoverySeconds: w.expected_recovery_seconds,
    worstRecoverySeconds: w.worst_recovery_seconds,
    dependentsUnhealthy: w.dependents_unhealthy,
    dependentsRecovered: w.dependents_recovered,
    riskScore: w.risk_score,
  };
}

export type PlanView = ReturnType<typeof planView>;
export type StepView = ReturnType<typeof stepView>;
export type WhatIfView = ReturnType<typeof whatIfView>;

/** Statuses in which a plan still needs someone or something: waiting, running, verifying. */
export const activePlanStatuses = ["planning", "awaiting_approval", "approved", "executing", "verifying"] as const;
