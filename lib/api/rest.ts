import type { AgentPlan, Incident, SimulationRow } from "@/db/schema";
import type { SavedDiagnosis } from "@/lib/diagnosis";
import { incidentKey } from "@/lib/incidents/shared";
import { simulationView } from "@/lib/simulation/shared";
import { camelToSnake, keysToSnake } from "./case";

/**
 * The REST API's documents (snake_case, like the webhook formats it sits beside), made from the
 * domain's own camelCase values at the edge.
 */

/** An incident as the REST API returns it. */
export function serializeIncident(row: Incident): Record<string, unknown> {
  const { workspaceId: _ws, ...rest } = row;
  return { ...keysToSnake(rest), key: incidentKey(row.number) };
}

/** A simulation run as the REST API (and the sim CLI) sees it. */
export function serializeSimulation(row: SimulationRow) {
  const view = simulationView(row);
  return {
    ...(keysToSnake(view) as Omit<Record<string, unknown>, "interventions">),
    interventions: view.interventions.map((i) => keysToSnake(i)),
  };
}

/** The REST shape: snake_case, the diagnosis as validated, provider details alongside. */
export function serializeDiagnosis(d: SavedDiagnosis, incidentId: string): Record<string, unknown> {
  return {
    id: d.meta.id,
    incident_id: incidentId,
    provider: d.meta.provider,
    model: d.meta.model,
    time_to_first_token_ms: d.meta.time_to_first_token_ms,
    total_ms: d.meta.total_ms,
    input_tokens: d.meta.input_tokens,
    output_tokens: d.meta.output_tokens,
    attempts: d.meta.attempts,
    requested_by: d.requestedBy,
    created_at: d.meta.created_at,
    diagnosis: d.diagnosis,
  };
}

/**
 * A plan of the SRE agent as the REST API returns it: its steps (action, target, parameters, risk,
 * blast radius, reversibility and rollback, dry run, output once run), the what-if table, what was
 * dropped from the model's answer, and the checks with their results.
 */
export function serializePlan(p: AgentPlan) {
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  const by = (kind: string | null, id: string | null, name: string | null) => (kind && name ? { kind, id, name } : null);
  return {
    id: p.id,
    incident_id: p.incidentId,
    simulation_id: p.simulationId,
    incident_system: p.incidentSystem,
    target_service: p.targetService,
    status: p.status,
    mode: p.mode,
    world: p.world,
    source: p.source,
    summary: p.summary,
    provider: p.provider,
    model: p.model,
    attempts: p.attempts,
    risk: { level: p.riskLevel, score: p.riskScore },
    requires_admin: p.requiresAdmin,
    notice: p.notice,
    steps: p.steps.map((s) => ({
      index: s.index,
      action: s.action,
      target: s.target,
      parameters: s.parameters,
      rationale: s.rationale,
      evidence: s.evidence,
      expected_effect: s.expected_effect,
      risk: s.risk,
      blast_radius: s.blast_radius,
      reversible: s.reversible,
      rollback: s.rollback,
      preview: s.preview,
      checks: s.checks.map((c) => c.name),
      status: s.status,
      output: s.output ?? null,
      error: s.error ?? null,
      started_at: s.started_at ?? null,
      finished_at: s.finished_at ?? null,
      duration_ms: s.duration_ms ?? null,
      rollback_output: s.rollback_output ?? null,
    })),
    what_if: p.whatIf,
    dropped: p.dropped,
    checks: p.checks.map((c) => ({ name: c.name, passed: c.passed, detail: c.detail })),
    expires_at: p.expiresAt.toISOString(),
    created_by: by(p.createdByKind, p.createdById, p.createdByName),
    decided_by: by(p.decidedByKind, p.decidedById, p.decidedByName),
    decided_at: iso(p.decidedAt),
    decision_comment: p.decisionComment,
    executed_at: iso(p.executedAt),
    finished_at: iso(p.finishedAt),
    failure_reason: p.failureReason,
    rolled_back_by: by(p.rolledBackByKind, p.rolledBackById, p.rolledBackByName),
    rolled_back_at: iso(p.rolledBackAt),
    rollback_comment: p.rollbackComment,
    created_at: p.createdAt.toISOString(),
    updated_at: p.updatedAt.toISOString(),
  };
}

/** Every key of a document in snake_case, at every depth (for documents the domain builds whole, such as reports). */
export function deepSnake(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(deepSnake);
  if (value instanceof Date) return value.toISOString();
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [camelToSnake(k), deepSnake(v)]));
}
