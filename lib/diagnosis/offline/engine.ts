import type { Diagnosis, Evidence, Hypothesis, RecommendedAction } from "../schema";
import type { IncidentSignals, SignalDeploy, SignalEvent, SignalFlag, SignalMetric } from "../signals";
import { canonicalService, dependsOn as topoDependsOn } from "@/lib/topology";
import { defaultDependencyMap } from "../signals";
import { failureModes, riskByActionType, type FailureMode, type MetricRule, type Pattern } from "./knowledge-base";
import { describeMetric, isAnomalous, metricSigma, normaliseMetricName } from "./metrics";

/**
 * The offline analyst. It reads the incident's signals (log lines, metrics against their baselines,
 * recent deploys and flag changes, the incident text, the service's dependencies), scores every failure
 * mode of the knowledge base by the evidence for it, and writes a diagnosis in the shared schema.
 * Pure and deterministic: no clock, no randomness, no network.
 */

type Scored = {
  mode: FailureMode;
  evidence: (Evidence & { strength: number; primary: boolean })[];
  score: number;
  anomaly: number;
  /** Template values: {dep}, {flag}, {version}. */
  vars: Record<string, string>;
};

/** Below this evidence score nothing is claimed: the engine abstains. */
export const ABSTAIN_THRESHOLD = 0.3;
/** Hypotheses weaker than this are not listed. */
const LIST_THRESHOLD = 0.25;

const DATASTORES = /^(postgres(ql)?|pg|mysql|mariadb|mongo(db)?|redis|valkey|memcached?|kafka|rabbitmq|elasticsearch|opensearch|llm|stripe|paypal|twilio|sendgrid|s3|openai)$/;

type MetricView = SignalMetric & { key: string; sigma: number };

export function analyzeIncident(signals: IncidentSignals): Diagnosis {
  const service = signals.incident.service;
  const events = signals.events;
  const incidentText = `${signals.incident.title}\n${signals.incident.description}`;
  const contextText = [
    ...signals.context_notes,
    ...signals.feature_flags.map((f) => f.description ?? ""),
  ].join("\n");
  const metrics: MetricView[] = signals.metrics.map((m) => ({ ...m, key: normaliseMetricName(m.name), sigma: metricSigma(m) }));
  const deploy = nearestDeploy(signals.deploys, service);
  const flag = nearestFlag(signals.feature_flags);
  const errorEvents = events.filter((e) => /ERROR|CRITICAL|FATAL|ALERT|EMERG/.test(e.level));

  const scored: Scored[] = [];
  for (const mode of failureModes) {
    if (mode.cause === "internal_dependency_failure") continue;
    const s = scoreMode(mode, { events, incidentText, contextText, metrics, deploy, flag, errorEvents });
    if (s) scored.push(s);
  }
  const dependency = scoreInternalDependency(signals);
  if (dependency) scored.push(dependency);

  // Generic symptoms are explained by a specific cause when one is strongly supported.
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
  }

  const ranked = scored
    .filter((s) => s.score >= LIST_THRESHOLD)
    .sort((a, b) => b.score - a.score || a.mode.cause.localeCompare(b.mode.cause))
    .slice(0, 5);

  if (ranked.length === 0 || ranked[0].score < ABSTAIN_THRESHOLD) return abstainDiagnosis(signals);

  const recentFlag = flag && (flag.minutes_ago === undefined || flag.minutes_ago <= 120) ? flag : undefined;
  const hypotheses: Hypothesis[] = [];
  let previous = 1;
  for (const s of ranked) {
    const raw = (0.4 * s.mode.base + 0.35 * s.score + 0.25 * s.anomaly) * (0.6 + 0.4 * s.score);
    const confidence = round2(Math.min(previous, Math.max(0.05, Math.min(0.97, raw))));
    previous = confidence;
    hypotheses.push({
      title: fill(s.mode.title, service, s.vars),
      cause: s.mode.cause,
      category: s.mode.category,
      explanation: explanationFor(s, signals),
      evidence: withFlag(s, recentFlag).map(({ source, ref, detail }) => ({ source, ref, detail })),
      confidence,
    });
  }

  const top = ranked[0];
  const close = ranked[1] && ranked[0].score - ranked[1].score < 0.1;
  const confidence = round2(hypotheses[0].confidence * (close ? 0.9 : 1));
  const actions = actionsFor(ranked, service, hypotheses, recentFlag);
  return {
    severity: severityFor(signals, metrics, top),
    category: top.mode.category,
    summary: summaryFor(signals, top, hypotheses[0], ranked[1]),
    abstained: false,
    hypotheses,
    recommended_actions: actions,
    confidence,
  };
}

type Inputs = {
  events: SignalEvent[];
  incidentText: string;
  contextText: string;
  metrics: MetricView[];
  deploy: SignalDeploy | undefined;
  flag: SignalFlag | undefined;
  errorEvents: SignalEvent[];
};

function scoreMode(mode: FailureMode, input: Inputs): Scored | null {
  const evidence: Scored["evidence"] = [];
  let anomaly = 0;

  for (const p of mode.logs) {
    const hit = matchEvents(p, input.events);
    if (hit) {
      const strength = p.w * Math.min(1, 0.7 + 0.1 * (hit.count - 1));
      anomaly = Math.max(anomaly, Math.min(1, hit.count / 10) * 0.8);
      evidence.push({
        source: "event",
        ref: hit.event.id,
        detail: `${hit.event.level} ${hit.event.service}: "${excerpt(hit.event.message, hit.index)}"${hit.count > 1 ? ` (${hit.count} matching events)` : ""}`,
        strength,
        primary: true,
      });
    }
  }
  for (const p of [...mode.logs, ...(mode.text ?? [])]) {
    const isText = (mode.text ?? []).includes(p);
    const factor = isText ? 1 : 0.75;
    const m = p.re.exec(input.incidentText);
    if (m) {
      evidence.push({
        source: "incident",
        ref: quote(input.incidentText, m.index, m[0].length),
        detail: `${p.label} in the incident text: "${quote(input.incidentText, m.index, m[0].length)}"`,
        strength: p.w * factor,
        primary: true,
      });
    }
    const c = input.contextText ? p.re.exec(input.contextText) : null;
    if (c) {
      evidence.push({
        source: "context",
        ref: quote(input.contextText, c.index, c[0].length),
        detail: `${p.label} in the incident context: "${quote(input.contextText, c.index, c[0].length)}"`,
        strength: p.w * factor * 0.85,
        primary: true,
      });
    }
  }
  for (const rule of mode.metrics) {
    const hit = matchMetric(rule, input.metrics);
    if (hit) {
      const a = Math.abs(hit.sigma);
      evidence.push({
        source: "metric",
        ref: hit.name,
        detail: describeMetric(hit, hit.sigma),
        strength: rule.w * Math.min(1, a / 5) * (isAnomalous(a) ? 1 : 0.5),
        // Generic symptoms (error rate, a latency bump) support a cause but cannot establish one.
        primary: rule.w > 0.3,
      });
      anomaly = Math.max(anomaly, Math.min(1, a / 6));
    }
  }
  const vars: Record<string, string> = {};
  if (input.deploy) {
    const d = input.deploy;
    const recency = deployRecency(d.minutes_ago);
    vars.version = d.version;
    const keyword = mode.deployKeywords && d.description ? mode.deployKeywords.exec(d.description) : null;
    const strength = Math.max(mode.deployWeight ?? 0, keyword ? 0.45 : 0) * recency;
    if (strength > 0) {
      evidence.push({
        source: "deploy",
        ref: d.version,
        detail: `deploy ${d.version}${d.service ? ` of ${d.service}` : ""}${d.minutes_ago !== undefined ? ` ${formatMinutes(d.minutes_ago)} before` : ""}${d.description ? `: "${d.description.slice(0, 120)}"` : ""}`,
        strength,
        primary: false,
      });
      // Errors right after a deploy are the classic deployment signature.
      if (mode.deployWeight && mode.deployWeight >= 0.5 && recency >= 0.75 && input.errorEvents.length >= 3) {
        evidence.push({
          source: "event",
          ref: input.errorEvents[0].id,
          detail: `${input.errorEvents.length} error events since the deploy window, newest: "${excerpt(input.errorEvents[0].message, 0)}"`,
          strength: 0.4,
          primary: true,
        });
      }
    }
  }
  if (mode.flagWeight && input.flag) {
    const f = input.flag;
    vars.flag = f.name;
    const strength = mode.flagWeight * flagRecency(f.minutes_ago);
    const hasErrors = input.errorEvents.length > 0 || input.metrics.some((m) => errorRateRule(m) && m.sigma >= 3);
    if (strength > 0 && (hasErrors || mode.cause !== "bad_feature_flag")) {
      evidence.push({
        source: "feature_flag",
        ref: f.name,
        detail: `feature flag ${f.name}${f.enabled === undefined ? " changed" : f.enabled ? " enabled" : " disabled"}${f.minutes_ago !== undefined ? ` ${formatMinutes(f.minutes_ago)} before` : ""}${f.rollout !== undefined ? ` (${f.rollout}% rollout)` : ""}`,
        strength,
        primary: mode.cause === "bad_feature_flag" && hasErrors,
      });
      if (mode.cause === "bad_feature_flag" && input.errorEvents.length > 0) {
        evidence.push({
          source: "event",
          ref: input.errorEvents[0].id,
          detail: `${input.errorEvents.length} error events after the flag change, newest: "${excerpt(input.errorEvents[0].message, 0)}"`,
          strength: 0.35,
          primary: true,
        });
      }
    }
  }

  if (!evidence.some((e) => e.primary)) return null;
  if (mode.cause === "bad_feature_flag" && !evidence.some((e) => e.source === "feature_flag")) return null;
  const best = dedupe(evidence).sort((a, b) => b.strength - a.strength || a.ref.localeCompare(b.ref));
  const score = 1 - best.reduce((p, e) => p * (1 - Math.min(0.97, e.strength)), 1);
  if (!vars.version) vars.version = "the latest deploy";
  if (!vars.flag) vars.flag = "the recently changed flag";
  return { mode, evidence: best, score, anomaly, vars };
}

function errorRateRule(m: MetricView): boolean {
  return /(^|_)(5\d\d|5xx|errors?|failures?|exceptions?)(_|$)/.test(m.key);
}

/** One evidence item per signal: the strongest reading of it. */
function dedupe(evidence: Scored["evidence"]): Scored["evidence"] {
  const byKey = new Map<string, Scored["evidence"][number]>();
  for (const e of evidence) {
    // The incident text and the context notes each count once per failure mode, however many phrases match.
    const key = e.source === "incident" || e.source === "context" ? e.source : `${e.source}:${e.ref}`;
    const prev = byKey.get(key);
    if (!prev || e.strength > prev.strength) byKey.set(key, e);
  }
  return [...byKey.values()];
}

function matchEvents(p: Pattern, events: SignalEvent[]): { event: SignalEvent; index: number; count: number } | null {
  let first: { event: SignalEvent; index: number } | null = null;
  let count = 0;
  for (const e of events) {
    const text = eventText(e);
    const m = p.re.exec(text);
    if (m) {
      count++;
      if (!first) first = { event: e, index: Math.max(0, Math.min(m.index - e.service.length - 2, e.message.length)) };
    }
  }
  return first ? { ...first, count } : null;
}

function eventText(e: SignalEvent): string {
  // Log lines are read with their service label, as a log viewer shows them ("redis: connection refused").
  if (!e.attributes) return `${e.service}: ${e.message}`;
  const attrs = Object.entries(e.attributes)
    .filter(([, v]) => typeof v === "string" || typeof v === "number")
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(" ");
  return attrs ? `${e.service}: ${e.message} ${attrs}` : `${e.service}: ${e.message}`;
}

function matchMetric(rule: MetricRule, metrics: MetricView[]): MetricView | null {
  let best: MetricView | null = null;
  for (const m of metrics) {
    if (!rule.re.test(m.key) || (rule.not && rule.not.test(m.key))) continue;
    const directed = rule.dir === "up" ? m.sigma : -m.sigma;
    if (directed < 2) continue;
    if (!best || Math.abs(m.sigma) > Math.abs(best.sigma)) best = m;
  }
  return best;
}

function nearestDeploy(deploys: SignalDeploy[], service: string): SignalDeploy | undefined {
  const relevant = deploys.filter((d) => !d.service || canonicalService(d.service) === canonicalService(service));
  const pool = relevant.length ? relevant : deploys;
  return [...pool].sort((a, b) => (a.minutes_ago ?? 720) - (b.minutes_ago ?? 720))[0];
}

function nearestFlag(flags: SignalFlag[]): SignalFlag | undefined {
  const recent = flags.filter((f) => f.minutes_ago === undefined || f.minutes_ago <= 24 * 60);
  return [...recent].sort((a, b) => (a.minutes_ago ?? 120) - (b.minutes_ago ?? 120) || a.name.localeCompare(b.name))[0];
}

function deployRecency(minutes: number | undefined): number {
  if (minutes === undefined) return 0.5;
  if (minutes <= 30) return 1;
  if (minutes <= 60) return 0.9;
  if (minutes <= 180) return 0.75;
  if (minutes <= 480) return 0.5;
  if (minutes <= 1440) return 0.25;
  return 0.1;
}

function flagRecency(minutes: number | undefined): number {
  if (minutes === undefined) return 0.6;
  if (minutes <= 30) return 1;
  if (minutes <= 120) return 0.75;
  if (minutes <= 480) return 0.4;
  return 0.15;
}

/**
 * Cascades: errors that name a service this one calls (or come from it) point at that dependency.
 * The deepest failing dependency is the root; data stores are left to their own failure modes.
 */
function scoreInternalDependency(signals: IncidentSignals): Scored | null {
  const mode = failureModes.find((m) => m.cause === "internal_dependency_failure")!;
  const self = canonicalService(signals.incident.service);
  const topology = signals.topology && Object.keys(signals.topology).length ? signals.topology : defaultDependencyMap();
  const known = new Set<string>(
    [
      ...signals.dependencies.depends_on,
      ...Object.keys(topology),
      ...Object.values(topology).flat(),
      ...signals.events.map((e) => e.service),
      ...signals.incident.affected_systems,
    ]
      .map(canonicalService)
      .filter((s) => s && s !== self && !DATASTORES.test(s) && s.length >= 3),
  );
  // Services named in the failing calls themselves (URLs, cluster DNS names, "<name> service"), for
  // dependencies the topology does not know.
  for (const e of signals.events) {
    for (const m of e.message.matchAll(/https?:\/\/([a-z][a-z0-9-]{2,})(?=[.:/])|\b([a-z][a-z0-9-]{2,})\.(?:svc|[a-z0-9-]+\.svc)\b|\b([a-z][a-z0-9-]{2,})[ -]service\b/gi)) {
      const name = canonicalService(m[1] ?? m[2] ?? m[3] ?? "");
      if (name && name !== self && !/^(api|www|app|web|localhost|the|this|that|external|upstream|backend|internal)$/.test(name) && !DATASTORES.test(name)) known.add(name);
    }
  }
  const failWords = /refused|unavailable|timed? ?out|timeout|deadline|unreachable|\b5\d\d\b|failed|failure|error|reset|no healthy upstream|circuit/i;
  const hits = new Map<string, { count: number; event: SignalEvent; direct: boolean }>();
  for (const e of signals.events) {
    if (!/ERROR|CRITICAL|FATAL|WARN/.test(e.level) && !failWords.test(e.message)) continue;
    const from = canonicalService(e.service);
    const text = e.message.toLowerCase();
    for (const dep of known) {
      const variants = [dep, dep.replace(/-/g, ""), `${dep}service`, `${dep.replace(/-/g, "")}service`];
      const mentioned = variants.some((v) => new RegExp(`(^|[^a-z0-9])${escapeRe(v)}([^a-z0-9]|$)`).test(text));
      const fromDep = from === dep && from !== self;
      if ((mentioned && failWords.test(e.message)) || (fromDep && /ERROR|CRITICAL|FATAL/.test(e.level))) {
        const prev = hits.get(dep);
        hits.set(dep, { count: (prev?.count ?? 0) + 1, event: prev?.event ?? e, direct: topoDependsOn(topology, self, dep) });
      }
    }
  }
  if (hits.size === 0) return null;
  // Root: a failing service that other failing services depend on.
  const candidates = [...hits.entries()].sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]));
  const root =
    candidates.find(([dep]) => candidates.every(([other]) => other === dep || !topoDependsOn(topology, dep, other))) ??
    candidates[0];
  const [dep, hit] = root;
  const selfKnown = Object.keys(topology).some((k) => canonicalService(k) === self);
  const strength = 0.8 * Math.min(1, 0.7 + 0.1 * (hit.count - 1)) * (hit.direct ? 1 : selfKnown ? 0.75 : 0.95);
  const evidence: Scored["evidence"] = [
    {
      source: "event",
      ref: hit.event.id,
      detail: `${hit.event.level} ${hit.event.service}: "${excerpt(hit.event.message, 0)}"${hit.count > 1 ? ` (${hit.count} events naming ${dep})` : ""}`,
      strength,
      primary: true,
    },
    {
      source: "dependency",
      ref: dep,
      detail: hit.direct ? `${signals.incident.service} calls ${dep} (directly or through another service)` : `${dep} appears in the failing calls`,
      strength: hit.direct ? 0.3 : 0.1,
      primary: false,
    },
  ];
  const score = 1 - evidence.reduce((p, e) => p * (1 - e.strength), 1);
  return { mode, evidence, score, anomaly: Math.min(1, hit.count / 10) * 0.8, vars: { dep, version: "the latest deploy", flag: "the recently changed flag" } };
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function fill(template: string, service: string, vars: Record<string, string>): string {
  return template
    .replace(/\{service\}/g, service)
    .replace(/\{dep\}/g, vars.dep ?? "the failing dependency")
    .replace(/\{version\}/g, vars.version ?? "the latest deploy")
    .replace(/\{flag\}/g, vars.flag ?? "the recently changed flag");
}

function explanationFor(s: Scored, signals: IncidentSignals): string {
  let text = s.mode.explanation;
  const dependents = s.mode.cause === "internal_dependency_failure" && s.vars.dep
    ? [signals.incident.service]
    : signals.dependencies.dependents;
  if (dependents.length) text += ` Services that call ${signals.incident.service} and may be affected: ${dependents.slice(0, 6).join(", ")}.`;
  return text.slice(0, 1200);
}

/** Evidence to show for a hypothesis: its strongest items, plus a recent flag change as context. */
function withFlag(s: Scored, flag: SignalFlag | undefined): Scored["evidence"] {
  const shown = s.evidence.slice(0, 5);
  if (!flag || shown.some((e) => e.source === "feature_flag")) return shown;
  return [
    ...shown.slice(0, 4),
    {
      source: "feature_flag",
      ref: flag.name,
      detail: `feature flag ${flag.name}${flag.enabled === false ? " disabled" : " enabled"}${flag.minutes_ago !== undefined ? ` ${formatMinutes(flag.minutes_ago)} before` : " recently"}${flag.description ? `: "${flag.description.slice(0, 100)}"` : ""}`,
      strength: 0,
      primary: false,
    },
  ];
}

function actionsFor(ranked: Scored[], service: string, hypotheses: Hypothesis[], flag: SignalFlag | undefined): RecommendedAction[] {
  const top = ranked[0];
  const out: RecommendedAction[] = [];
  const seen = new Set<string>();
  // A flag flipped just before the failure is the cheapest, safest thing to undo first.
  if (flag && top.mode.cause !== "bad_feature_flag") {
    const step = `Turn feature flag ${flag.name} back ${flag.enabled === false ? "on" : "off"} if the failure started with it`;
    seen.add(step);
    out.push({ step, kind: "mitigation", type: "toggle_feature_flag", risk: riskByActionType.toggle_feature_flag, confidence: round2(Math.min(0.9, 0.4 + 0.4 * flagRecency(flag.minutes_ago))) });
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

function summaryFor(signals: IncidentSignals, top: Scored, h: Hypothesis, runnerUp: Scored | undefined): string {
  const svc = signals.incident.service;
  const key = top.evidence.slice(0, 2).map((e) => e.detail.replace(/\s+/g, " ").slice(0, 160));
  const parts = [
    `${svc}: most likely ${lowerFirst(h.title)} (${Math.round(h.confidence * 100)}% confidence, ${h.category}).`,
    `Key signals: ${key.join("; ")}.`,
  ];
  if (runnerUp && top.score - runnerUp.score < 0.15) parts.push(`Also plausible: ${lowerFirst(fill(runnerUp.mode.title, svc, runnerUp.vars))}.`);
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
  };
}

function excerpt(message: string, index: number): string {
  const clean = message.replace(/\s+/g, " ");
  if (clean.length <= 160) return clean;
  const start = Math.max(0, Math.min(index - 40, clean.length - 160));
  return `${start > 0 ? "…" : ""}${clean.slice(start, start + 160)}…`;
}

function quote(text: string, index: number, length: number): string {
  const start = Math.max(0, index - 20);
  const end = Math.min(text.length, index + length + 20);
  return text.slice(start, end).replace(/\s+/g, " ").trim().slice(0, 100);
}

function lowerFirst(s: string): string {
  return /^[A-Z][a-z]/.test(s) ? s[0].toLowerCase() + s.slice(1) : s;
}

function formatMinutes(m: number): string {
  if (m < 90) return `${m} min`;
  if (m < 48 * 60) return `${Math.round(m / 60)} h`;
  return `${Math.round(m / 1440)} days`;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
