import type { Diagnosis, Hypothesis, RecommendedAction } from "../schema";
import type { IncidentSignals } from "../signals";
import { chainFor, firstAnomaly, reasonCausally, triageChanges } from "./causal";
import { riskByActionType } from "./knowledge-base";
import { contextFor, scoreAll, type ChosenChange, type Ctx, type Ev, type MetricView, type Scored } from "./scoring";
import { collectChanges, formatGap } from "./timeline";

/**
 * The offline analyst. It reads the incident's signals (log lines, metrics against their baselines,
 * recent deploys, flag and configuration changes, the incident text, the service's dependencies),
 * scores every failure mode of the knowledge base by the evidence for it (scoring.ts), then reasons
 * about cause and effect — what came first, what depends on what, which failure produces which, what
 * to dismiss (causal.ts) — and writes a diagnosis in the shared schema, with the chain
 * "cause → mechanism → symptom" in its top hypothesis.
 * Pure and deterministic: no clock, no randomness, no network.
 */

/** Below this evidence score nothing is claimed: the engine abstains. */
export const ABSTAIN_THRESHOLD = 0.3;
/** Hypotheses weaker than this are not listed. */
const LIST_THRESHOLD = 0.25;

export function analyzeIncident(signals: IncidentSignals): Diagnosis {
  const ctx = contextFor(signals);
  const service = ctx.service;
  // Time first: the evidence alone says when each failure began, and so which changes came before.
  const pass1 = scoreAll(ctx);
  const first = firstAnomaly(pass1);
  const triage = triageChanges(collectChanges(signals, ctx.clock), first, ctx, pass1);
  const scored = scoreAll(ctx, triage.deploy, triage.flag);
  discountGenericSymptoms(scored);
  const causal = reasonCausally(scored, ctx, triage, first);

  const ranked = causal.scored
    .filter((s) => s.score >= LIST_THRESHOLD)
    .sort((a, b) => b.score - a.score || a.mode.cause.localeCompare(b.mode.cause))
    .slice(0, 5);

  if (ranked.length === 0 || ranked[0].score < ABSTAIN_THRESHOLD) return abstainDiagnosis(signals);

  const flag = triage.flag && triage.flag.recency >= 0.4 ? triage.flag : undefined;
  const hypotheses: Hypothesis[] = [];
  let previous = 1;
  for (const [i, s] of ranked.entries()) {
    const raw = (0.4 * s.mode.base + 0.35 * s.score + 0.25 * s.anomaly) * (0.6 + 0.4 * s.score);
    const confidence = round2(Math.min(previous, Math.max(0.05, Math.min(0.97, raw))));
    previous = confidence;
    hypotheses.push({
      title: fill(s.mode.title, service, s.vars),
      cause: s.mode.cause,
      category: s.mode.category,
      explanation: explanationFor(s, ctx, i === 0),
      evidence: withFlag(s, flag).map(({ source, ref, detail }) => ({ source, ref, detail })),
      confidence,
      causal_chain: i === 0 ? chainFor(s, causal.scored, ctx) : [],
    });
  }

  const top = ranked[0];
  const close = ranked[1] && ranked[0].score - ranked[1].score < 0.1;
  const confidence = round2(hypotheses[0].confidence * (close ? 0.9 : 1));
  const actions = actionsFor(ranked, service, hypotheses, flag);
  return {
    severity: severityFor(signals, ctx.metrics, top),
    category: top.mode.category,
    summary: summaryFor(ctx, top, hypotheses[0], ranked[1]),
    abstained: false,
    hypotheses,
    recommended_actions: actions,
    confidence,
    dismissed: causal.dismissed,
  };
}

/** Generic symptoms give way to a specific, well-supported cause (before any reasoning about time). */
function discountGenericSymptoms(scored: Scored[]) {
  const strongest = (causes: string[]) => Math.max(0, ...scored.filter((s) => !causes.includes(s.mode.cause)).map((s) => s.score));
  for (const s of scored) {
    if (s.mode.cause === "latency_degradation" && strongest(["latency_degradation"]) >= 0.55) s.score *= 0.6;
    // A specific failure mode tied to the deploy explains the deploy better than "bad deploy" does.
    if (s.mode.cause === "deployment_issue") {
      const specific = scored.some(
        (x) =>
          x !== s &&
          x.evidence.some((e) => e.source === "deploy") &&
          x.evidence.some((e) => e.source === "event" && e.strength >= 0.55),
      );
      if (specific) s.score *= 0.8;
    }
    if (s.mode.cause === "cpu_saturation") {
      const surge = scored.find((x) => x.mode.cause === "traffic_surge");
      if (surge && surge.score >= 0.7 && surge.evidence.some((e) => e.source === "metric")) s.score *= 0.7;
    }
    // A flag flip is the trigger, not the mechanism: when a specific failure mode is well supported it leads,
    // and the flag rides along as its evidence and first mitigation (below).
    if (s.mode.cause === "bad_feature_flag" && strongest(["bad_feature_flag"]) >= 0.7) s.score *= 0.7;
    if (s.mode.cause === "traffic_surge" && !s.evidence.some((e) => e.source === "metric" || e.source === "incident" || e.source === "context")) s.score *= 0.7;
    s.raw = s.score;
  }
}

function fill(template: string, service: string, vars: Record<string, string>): string {
  return template
    .replace(/\{service\}/g, service)
    .replace(/\{dep\}/g, vars.dep ?? "the failing dependency")
    .replace(/\{version\}/g, vars.version ?? "the latest deploy")
    .replace(/\{flag\}/g, vars.flag ?? "the recently changed flag");
}

function explanationFor(s: Scored, ctx: Ctx, top: boolean): string {
  const signals = ctx.signals;
  let text = s.mode.explanation;
  if (top) {
    const explained = ctx.clock && s.explainedBy === undefined;
    if (explained && s.onset !== undefined && ctx.clock.absolute) text += ` It began at ${ctx.clock.format(s.onset)}, before the symptoms it explains.`;
    if (s.trigger && s.trigger.change.at !== undefined && s.onset !== undefined && ctx.clock.absolute) text += ` Trigger: ${s.trigger.change.description.slice(0, 160)}.`;
  } else if (s.refuted) {
    text += ` ${s.refuted.reason}`;
  } else if (s.explainedBy) {
    text += ` Ranked lower: explained by ${lowerFirst(fill(s.explainedBy.by.mode.title, ctx.service, s.explainedBy.by.vars))} (${s.explainedBy.mechanism}).`;
  }
  const dependents = s.mode.cause === "internal_dependency_failure" && s.vars.dep
    ? [signals.incident.service]
    : signals.dependencies.dependents;
  if (dependents.length) text += ` Services that call ${signals.incident.service} and may be affected: ${dependents.slice(0, 6).join(", ")}.`;
  return text.slice(0, 1200);
}

/** Evidence to show for a hypothesis: its strongest items, plus a recent flag change as context. */
function withFlag(s: Scored, chosen: ChosenChange | undefined): Ev[] {
  const shown = s.evidence.slice(0, 5);
  const flag = chosen?.change.flag;
  if (!flag || shown.some((e) => e.source === "feature_flag")) return shown;
  return [
    ...shown.slice(0, 4),
    {
      source: "feature_flag",
      ref: flag.name,
      detail: `feature flag ${flag.name}${flag.enabled === false ? " disabled" : " enabled"}${flag.minutes_ago !== undefined ? ` ${formatGap(flag.minutes_ago * 60_000)} before` : " recently"}${flag.description ? `: "${flag.description.slice(0, 100)}"` : ""}`,
      strength: 0,
      primary: false,
    },
  ];
}

function actionsFor(ranked: Scored[], service: string, hypotheses: Hypothesis[], chosen: ChosenChange | undefined): RecommendedAction[] {
  const top = ranked[0];
  const out: RecommendedAction[] = [];
  const seen = new Set<string>();
  const flag = chosen?.change.flag;
  // A flag flipped just before the failure is the cheapest, safest thing to undo first.
  if (flag && chosen && top.mode.cause !== "bad_feature_flag") {
    const step = `Turn feature flag ${flag.name} back ${flag.enabled === false ? "on" : "off"} if the failure started with it`;
    seen.add(step);
    out.push({ step, kind: "mitigation", type: "toggle_feature_flag", risk: riskByActionType.toggle_feature_flag, confidence: round2(Math.min(0.9, 0.4 + 0.4 * chosen.recency)) });
  }
  const add = (s: Scored, confidence: number, kinds: RecommendedAction["kind"][]) => {
    for (const a of s.mode.actions) {
      if (!kinds.includes(a.kind)) continue;
      if (a.when === "deploy" && !s.evidence.some((e) => e.source === "deploy")) continue;
      if (a.when === "flag" && !s.evidence.some((e) => e.source === "feature_flag")) continue;
      if (a.when === "dependency" && !s.vars.dep) continue;
      const step = fill(a.step, service, s.vars);
      if (seen.has(step)) continue;
      seen.add(step);
      out.push({ step, kind: a.kind, type: a.type, risk: riskByActionType[a.type], confidence: round2(Math.min(0.95, confidence * a.efficacy + 0.05)) });
    }
  };
  add(top, hypotheses[0].confidence, ["mitigation"]);
  // A close runner-up gets its first mitigation too: cheap insurance while the top cause is confirmed.
  if (ranked[1] && top.score - ranked[1].score < 0.15) {
    const alt = ranked[1].mode.actions.find((a) => a.kind === "mitigation" && !a.when);
    if (alt) {
      const step = fill(alt.step, service, ranked[1].vars);
      if (!seen.has(step)) {
        seen.add(step);
        out.push({ step, kind: "mitigation", type: alt.type, risk: riskByActionType[alt.type], confidence: round2(Math.min(0.95, hypotheses[1].confidence * alt.efficacy + 0.05)) });
      }
    }
  }
  add(top, hypotheses[0].confidence, ["fix"]);
  add(top, hypotheses[0].confidence, ["verification"]);
  return out.slice(0, 8);
}

const SEVERITY_ORDER = ["P3", "P2", "P1", "P0"] as const;

function severityFor(signals: IncidentSignals, metrics: MetricView[], top: Scored): Diagnosis["severity"] {
  const maxSigma = Math.max(0, ...metrics.map((m) => Math.abs(m.sigma)));
  let level: number;
  if (metrics.length && maxSigma >= 3) level = maxSigma >= 5 ? 2 : 1;
  else {
    const fatal = signals.events.filter((e) => /CRITICAL|FATAL|EMERG|ALERT/.test(e.level)).length;
    const errors = signals.events.filter((e) => /ERROR/.test(e.level)).length;
    if (fatal > 0) level = 2;
    else if (errors >= 5) level = 1;
    else level = Math.max(1, SEVERITY_ORDER.indexOf(signals.incident.severity as (typeof SEVERITY_ORDER)[number]));
  }
  // Availability impact (capacity lost, traffic collapsed, errors exploding, resources at the wall) raises it.
  const impact = metrics.some(
    (m) =>
      (/ready|available|healthy|running/.test(m.key) && m.baseline !== null && m.baseline > 0 && m.value / m.baseline <= 0.5) ||
      (/(^|_)(5\d\d|5xx|errors?)(_|$)/.test(m.key) && m.sigma >= 7) ||
      (/(mem|disk|fs|volume)/.test(m.key) && (m.unit === "%" || /percent/.test(m.key)) && m.value >= 95) ||
      (/requests?/.test(m.key) && m.baseline !== null && m.baseline > 0 && m.value / m.baseline <= 0.2),
  );
  const outage = signals.events.some((e) => /OOMKilled|CrashLoopBackOff|No space left on device|certificate has expired/i.test(e.message)) && top.score >= 0.8;
  if (impact || outage) level = Math.min(3, level + 1);
  return SEVERITY_ORDER[Math.max(0, Math.min(3, level))];
}

function summaryFor(ctx: Ctx, top: Scored, h: Hypothesis, runnerUp: Scored | undefined): string {
  const signals = ctx.signals;
  const svc = signals.incident.service;
  const parts = [`${svc}: most likely ${lowerFirst(h.title)} (${Math.round(h.confidence * 100)}% confidence, ${h.category}).`];
  const chain = h.causal_chain ?? [];
  if (chain.length >= 3) {
    parts.push(`Chain: ${chain.map((s) => clip(s.description.replace(/\s+/g, " ").replace(/\.$/, ""), 110)).join(" → ")}.`);
  } else {
    const key = top.evidence.slice(0, 2).map((e) => e.detail.replace(/\s+/g, " ").slice(0, 160));
    parts.push(`Key signals: ${key.join("; ")}.`);
  }
  if (runnerUp && top.score - runnerUp.score < 0.15 && runnerUp.explainedBy?.by !== top) parts.push(`Also plausible: ${lowerFirst(fill(runnerUp.mode.title, svc, runnerUp.vars))}.`);
  else if (signals.dependencies.dependents.length) parts.push(`Callers that may feel it: ${signals.dependencies.dependents.slice(0, 4).join(", ")}.`);
  return parts.join(" ").slice(0, 800);
}

/** The diagnosis that says no signal supports a cause (also used when an LLM's claims cannot be grounded). */
export function abstainDiagnosis(signals: IncidentSignals): Diagnosis {
  const metrics = signals.metrics;
  const svc = signals.incident.service;
  const facts = [
    signals.events.length ? `${signals.events.length} events without a recognised failure pattern` : "no attached events",
    metrics.length ? `${metrics.length} metrics, none tied to a known failure mode` : "no metrics",
    signals.deploys.length || signals.feature_flags.length ? "changes that no failure signal ties to" : "no recent deploy or flag change",
  ];
  const severity = (["P0", "P1", "P2", "P3"] as const).includes(signals.incident.severity as Diagnosis["severity"])
    ? (signals.incident.severity as Diagnosis["severity"])
    : "P2";
  return {
    severity,
    category: "other",
    summary: `No signal in this incident supports a specific cause yet (${facts.join("; ")}). Not guessing: gather logs, metrics and recent changes for ${svc} and diagnose again.`,
    abstained: true,
    hypotheses: [],
    recommended_actions: [
      { step: `Attach ${svc}'s recent error logs to the incident (send them to the intake webhook)`, kind: "fix", type: "investigate", risk: "low", confidence: 0.6 },
      { step: `Add key metrics with their baselines (latency, error rate, CPU, memory) to the incident`, kind: "fix", type: "investigate", risk: "low", confidence: 0.5 },
      { step: `Check deploys and feature-flag changes for ${svc} and its dependencies in the last 24 hours`, kind: "fix", type: "investigate", risk: "low", confidence: 0.5 },
      { step: "Confirm user impact (error rate, synthetic checks) to settle the severity", kind: "verification", type: "verify", risk: "low", confidence: 0.6 },
    ],
    confidence: 0.1,
    dismissed: [],
  };
}

/** Cut at a word boundary, marking the cut. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${cut.slice(0, space > max * 0.6 ? space : max).replace(/[\s,;:("'“]+$/, "")}…`;
}

function lowerFirst(s: string): string {
  return /^[A-Z][a-z]/.test(s) ? s[0].toLowerCase() + s.slice(1) : s;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
