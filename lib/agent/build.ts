import type { CheckSpec, PlanStatus, PlanStepRecord, RiskLevel, WhatIfRow } from "@/db/schema/agent";
import { buildSignals } from "@/lib/diagnosis";
import { activeFaultsAt, runWorld } from "@/lib/simulation";
import { dependencyMap, dependentsOf, type ServiceSpec } from "@/lib/topology";
import { actionIds, appliesTo, catalog, restartsStatefulStore, type CatalogAction } from "./catalog";
import { checksForStep, planChecks } from "./checks";
import type { PlanContext } from "./context";
import { completeParameters, previewOf, rollbackOf, type Now } from "./preview";
import { maxRisk, riskOf } from "./risk";
import { specOf, type StepDraft } from "./screen";
import { forecastCandidates, type Candidate } from "./whatif";

/** What the world says about a service at planning time: its metrics now, its baseline, its failing metrics. */
type FaultMetric = { name: string; value: number; baseline: number; sigma: number; pattern?: string; period_seconds?: number; ramp_seconds?: number };

function observe(ctx: PlanContext, service: string): { now: Now; baseline: Record<string, number>; faultMetrics: FaultMetric[] } {
  if (ctx.run && ctx.t0 !== null) {
    const { world } = runWorld(ctx.run);
    const faultMetrics = activeFaultsAt(ctx.run, ctx.t0)
      .filter((f) => f.service === service)
      .flatMap((f) => f.metrics.map((m) => ({ name: m.name, value: m.value, baseline: m.baseline, sigma: m.sigma, pattern: m.pattern, period_seconds: m.period_seconds, ramp_seconds: m.ramp_seconds })));
    return { now: world.metricsAt(service, ctx.t0) ?? {}, baseline: world.baseline(service), faultMetrics };
  }
  // No world: what the incident's sender reported is all there is.
  const signals = ctx.incident ? buildSignals(ctx.incident) : null;
  const metrics = (signals?.metrics ?? []).filter((m) => !m.service || m.service === service);
  return {
    now: Object.fromEntries(metrics.map((m) => [m.name, m.value])),
    baseline: Object.fromEntries(metrics.filter((m) => m.baseline !== null).map((m) => [m.name, m.baseline as number])),
    faultMetrics: metrics.filter((m) => m.baseline !== null && m.sigma !== undefined).map((m) => ({ name: m.name, value: m.value, baseline: m.baseline as number, sigma: m.sigma as number })),
  };
}

/** A screened draft as a full plan step: parameters completed, risk, blast radius, rollback, dry run, checks. */
export function buildStep(draft: StepDraft, index: number, ctx: PlanContext): PlanStepRecord {
  const map = dependencyMap(ctx.topology);
  const { now, baseline, faultMetrics } = observe(ctx, draft.spec.name);
  const parameters = completeParameters(draft.action, draft.spec, now, draft.parameters);
  const blast = dependentsOf(map, draft.spec.name);
  return {
    index,
    action: draft.action.id,
    target: draft.spec.name,
    parameters,
    rationale: draft.rationale,
    evidence: draft.evidence,
    expected_effect: draft.expectedEffect,
    risk: riskOf(draft.action, draft.spec, blast.length),
    blast_radius: blast,
    reversible: draft.action.reversible,
    rollback: rollbackOf(draft.action, draft.spec, parameters),
    preview: previewOf(draft.action, draft.spec, parameters, now),
    checks: checksForStep(draft.action, draft.spec, ctx.threshold, baseline, faultMetrics),
    status: "pending",
  };
}

export function checksOfPlan(steps: PlanStepRecord[], incidentSystem: string | null, threshold: number): CheckSpec[] {
  return planChecks(
    steps.map((s) => s.checks),
    incidentSystem,
    threshold,
  );
}

/**
 * The what-if candidates: the plan's own steps, then the other catalog actions that could apply to
 * the incident's service (at most eight in all), and doing nothing.
 */
export function whatIf(steps: PlanStepRecord[], ctx: PlanContext): WhatIfRow[] {
  if (!ctx.run || ctx.t0 === null || !ctx.incidentSystem) return [];
  const map = dependencyMap(ctx.topology);
  const service = ctx.incident?.service ?? steps[0]?.target;
  const home = service ? specOf(ctx.topology, service, service) : undefined;
  if (!home) return [];
  const candidate = (action: CatalogAction | null, spec: ServiceSpec, inPlan: boolean): Candidate => {
    const blastRadius = dependentsOf(map, spec.name);
    return { action, spec, inPlan, blastRadius, riskScore: action ? riskOf(action, spec, blastRadius.length).score : 0 };
  };
  const list: Candidate[] = [];
  const seen = new Set<string>();
  for (const s of steps) {
    const spec = specOf(ctx.topology, s.target, service ?? null);
    if (!spec || seen.has(`${s.action}@${s.target}`)) continue;
    seen.add(`${s.action}@${s.target}`);
    list.push(candidate(catalog[s.action as keyof typeof catalog], spec, true));
  }
  for (const id of actionIds) {
    if (list.length >= 8) break;
    const action = catalog[id];
    if (ctx.settings.blockedActions.includes(id) || !appliesTo(action, home.kind) || seen.has(`${id}@${home.name}`)) continue;
    seen.add(`${id}@${home.name}`);
    list.push(candidate(action, home, false));
  }
  list.push(candidate(null, home, false));
  return forecastCandidates(ctx.run, list, { topology: ctx.topology, incidentSystem: ctx.incidentSystem, threshold: ctx.threshold, t0: ctx.t0 });
}

/** Whether a restart or failover of a stateful store makes the plan an admin's to approve. */
export function needsAdmin(steps: PlanStepRecord[], ctx: PlanContext): boolean {
  if (!ctx.settings.statefulRequiresAdmin) return false;
  return steps.some((s) => {
    const spec = specOf(ctx.topology, s.target, ctx.incident?.service ?? null);
    return !!spec && restartsStatefulStore(catalog[s.action as keyof typeof catalog], spec.kind);
  });
}

export function planRisk(steps: PlanStepRecord[]): { level: RiskLevel; score: number } {
  return { level: maxRisk(steps.map((s) => s.risk.level)), score: Math.max(0, ...steps.map((s) => s.risk.score)) };
}

/**
 * Where a freshly planned plan starts. Advisory (no world to act on, or the incident says so) never
 * executes; manual waits for a person; automated approves itself only when every step is low-risk
 * and reversible, no veto applies and the hourly budget allows, in the simulated world only.
 */
export function initialStatus(
  steps: PlanStepRecord[],
  ctx: PlanContext,
  facts: { requiresAdmin: boolean; executionsThisHour: number },
): { status: PlanStatus; notice: string | null; failure?: string } {
  if (steps.length === 0) return { status: "failed", notice: ctx.notice, failure: "The planner proposed no action from the catalog for this incident." };
  if (ctx.mode === "advisory" || !ctx.run) return { status: "advisory", notice: ctx.notice };
  if (ctx.mode === "automated") {
    const lowAndReversible = steps.every((s) => s.risk.level === "low" && s.reversible);
    if (!lowAndReversible) {
      return { status: "awaiting_approval", notice: "Automated mode runs only low-risk, reversible steps on its own: this plan needs a person's approval." };
    }
    if (facts.requiresAdmin) return { status: "awaiting_approval", notice: "A policy veto applies (a restart or failover of a stateful store): an admin must approve." };
    if (facts.executionsThisHour >= ctx.settings.maxExecutionsPerIncidentPerHour) {
      return { status: "awaiting_approval", notice: `This incident has had ${facts.executionsThisHour} executions in the last hour (the workspace allows ${ctx.settings.maxExecutionsPerIncidentPerHour}): a person decides.` };
    }
    return { status: "approved", notice: "Automated mode: every step is low-risk and reversible, so the agent approved it." };
  }
  return { status: "awaiting_approval", notice: ctx.notice };
}
