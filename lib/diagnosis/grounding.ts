import type { CausalStep, Diagnosis, Evidence } from "./schema";
import type { IncidentSignals } from "./signals";
import { abstainDiagnosis } from "./offline/engine";

/**
 * Claims with no evidence are dropped: every evidence item must point at a signal that exists in
 * the incident (an event id or message fragment, a metric, a deploy version, a flag, a change, a
 * service, a fragment of the incident text). Hypotheses left without evidence are removed; when none
 * remain the diagnosis becomes an abstention rather than an unsupported guess. The causal chain is held
 * to the same rule: ungrounded citations are dropped, and a chain whose cause or symptom is left
 * without a signal is dropped whole; so are dismissed signals that do not exist.
 */
export function groundDiagnosis(d: Diagnosis, signals: IncidentSignals): Diagnosis {
  if (d.abstained) return { ...d, hypotheses: [] };
  const ids = new Set<string>(
    [
      ...signals.events.map((e) => e.id),
      ...signals.metrics.map((m) => m.name),
      ...signals.deploys.map((x) => x.version),
      ...signals.feature_flags.map((f) => f.name),
      ...signals.events.map((e) => e.service),
      ...signals.dependencies.depends_on,
      ...signals.dependencies.dependents,
      ...signals.incident.affected_systems,
      ...Object.keys(signals.topology ?? {}),
      signals.incident.service,
    ].map(norm),
  );
  const texts = [
    `${signals.incident.title}\n${signals.incident.description}`,
    ...signals.events.map((e) => e.message),
    ...signals.context_notes,
    ...signals.deploys.map((x) => x.description ?? ""),
    ...signals.feature_flags.map((f) => f.description ?? ""),
    ...(signals.changes ?? []).map((c) => c.description),
  ]
    .map(norm)
    .filter(Boolean);

  const grounded = (e: Evidence): boolean => {
    const candidates = [e.ref, ...quoted(e.detail), ...quoted(e.ref)]
      .map((c) => norm(c.replace(/^(event|metric|deploy|flag|feature_flag|service|dependency)[:=]\s*/i, "")))
      .filter((c) => c.length >= 3);
    return candidates.some((c) => ids.has(c) || (c.length >= 6 && texts.some((t) => t.includes(c))) || metricNamed(c, signals));
  };

  const groundChain = (chain: CausalStep[] | undefined): CausalStep[] | undefined => {
    if (!chain) return undefined;
    const steps = chain.map((step) => ({ ...step, evidence: step.evidence.filter(grounded) }));
    // A mechanism may rest on how the software fails; the cause and the symptom must rest on signals.
    const ends = steps.filter((step) => step.role !== "mechanism");
    return ends.length > 0 && ends.every((step) => step.evidence.length > 0) ? steps : [];
  };

  const hypotheses = d.hypotheses
    .map((h) => ({ ...h, evidence: h.evidence.filter(grounded), ...(h.causal_chain ? { causal_chain: groundChain(h.causal_chain) } : {}) }))
    .filter((h) => h.evidence.length > 0);
  if (hypotheses.length === 0) return abstainDiagnosis(signals);
  const topChanged = hypotheses[0].title !== d.hypotheses[0]?.title;
  return {
    ...d,
    hypotheses,
    category: topChanged ? hypotheses[0].category : d.category,
    confidence: Math.min(d.confidence, hypotheses[0].confidence),
    ...(d.dismissed ? { dismissed: d.dismissed.filter((x) => grounded({ source: x.source, ref: x.ref, detail: "" })) } : {}),
  };
}

function norm(s: string): string {
  return s.toLowerCase().replace(/\s+/g, " ").trim();
}

function quoted(text: string): string[] {
  return [...text.matchAll(/["“']([^"”']{3,200})["”']/g)].map((m) => m[1].replace(/…$/, ""));
}

/** "memory_usage_percent 95% vs 25%" cites the metric by name even with extra words around it. */
function metricNamed(candidate: string, signals: IncidentSignals): boolean {
  return signals.metrics.some((m) => candidate.startsWith(norm(m.name)));
}
