import type { Incident } from "@/db/schema";
import { buildSignals, type SavedDiagnosis } from "@/lib/diagnosis";
import { dependencyMap, dependentsOf, type Topology } from "@/lib/topology";

/**
 * Everything a planner may reason from, in one JSON-serialisable shape: the same object goes to the
 * LLMs (inside the fenced data block) and to the offline planner.
 */
export type PlanData = {
  incident: { title: string; description: string; service: string; system: string; severity: string };
  diagnosis: {
    summary: string;
    category: string;
    abstained: boolean;
    hypotheses: { title: string; cause: string; category: string; confidence: number; evidence: { source: string; ref: string; detail: string }[] }[];
    recommended_actions: { step: string; kind: string; type: string; risk: string }[];
  } | null;
  deploys: { version: string; service?: string; minutes_ago?: number; description?: string }[];
  feature_flags: { name: string; enabled?: boolean; minutes_ago?: number; description?: string }[];
  metrics: { name: string; value: number; baseline: number | null; sigma?: number; service?: string }[];
  context_notes: string[];
  services: { name: string; kind: string; tier: number; replicas: number; depends_on: string[]; dependents: string[] }[];
  blocked_actions: string[];
};

export function buildPlanData(
  incident: Pick<Incident, "title" | "description" | "service" | "severity" | "affectedSystems" | "metadata" | "eventCount">,
  system: string,
  diagnosis: SavedDiagnosis | null,
  topology: Topology,
  blocked: readonly string[],
): PlanData {
  const signals = buildSignals(incident);
  const map = dependencyMap(topology);
  const d = diagnosis?.diagnosis;
  return {
    incident: { title: incident.title, description: incident.description.slice(0, 1500), service: incident.service, system, severity: incident.severity },
    diagnosis: d
      ? {
          summary: d.summary,
          category: d.category,
          abstained: d.abstained,
          hypotheses: d.hypotheses.slice(0, 3).map((h) => ({
            title: h.title,
            cause: h.cause,
            category: h.category,
            confidence: h.confidence,
            evidence: h.evidence.slice(0, 5).map((e) => ({ source: e.source, ref: e.ref, detail: e.detail })),
          })),
          recommended_actions: d.recommended_actions.map((a) => ({ step: a.step, kind: a.kind, type: a.type, risk: a.risk })),
        }
      : null,
    deploys: signals.deploys.slice(0, 10),
    feature_flags: signals.feature_flags.slice(0, 20).map((f) => ({ name: f.name, enabled: f.enabled, minutes_ago: f.minutes_ago, description: f.description })),
    metrics: signals.metrics.slice(0, 12).map((m) => ({ name: m.name, value: m.value, baseline: m.baseline, ...(m.sigma !== undefined ? { sigma: m.sigma } : {}), ...(m.service ? { service: m.service } : {}) })),
    context_notes: signals.context_notes.slice(0, 10),
    services: topology.services.slice(0, 60).map((s) => ({
      name: s.name,
      kind: s.kind,
      tier: s.tier,
      replicas: s.replicas,
      depends_on: s.depends_on,
      dependents: dependentsOf(map, s.name),
    })),
    blocked_actions: [...blocked],
  };
}
