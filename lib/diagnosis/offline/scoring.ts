import type { Evidence } from "../schema";
import type { IncidentSignals, SignalEvent, SignalMetric } from "../signals";
import { canonicalService, dependenciesOf, dependentsOf, dependsOn as topoDependsOn, type DependencyMap } from "@/lib/topology";
import { defaultDependencyMap } from "../signals";
import { benignLines } from "./causal-knowledge";
import { failureModes, type FailureMode, type MetricRule, type Pattern } from "./knowledge-base";
import { describeMetric, isAnomalous, metricSigma, normaliseMetricName } from "./metrics";
import { clockFor, eventTime, formatGap, type Change, type Clock } from "./timeline";

/**
 * Evidence for each failure mode: log lines, metrics against their baselines, the incident text and
 * context, and the recent deploy or flag change chosen for the incident. Every item remembers when it
 * was seen and on which service, for the causal reasoning that follows (causal.ts).
 */
export type Ev = Evidence & {
  strength: number;
  primary: boolean;
  /** When the signal began (ms on the incident's clock). */
  at?: number;
  /** Services the matching log lines came from (canonical names). */
  services?: string[];
  eventIds?: string[];
};

export type Explanation = {
  by: Scored;
  mechanism: string;
  kind: "mechanism" | "topology" | "change";
  /** Signals that show the mechanism at work (retries, GC pauses, rebalances…). */
  signs: Ev[];
};

export type Scored = {
  mode: FailureMode;
  evidence: Ev[];
  score: number;
  /** The score from evidence alone, before the causal reasoning moved it. */
  raw: number;
  anomaly: number;
  /** Template values: {dep}, {flag}, {version}. */
  vars: Record<string, string>;
  /** Earliest sign of it (ms), when its signals carry times. */
  onset?: number;
  /** Services its log lines came from. */
  services: string[];
  /** A defining metric that stayed at its baseline. */
  refuted?: { ref: string; reason: string };
  explainedBy?: Explanation;
  /** A change that set it off: how, and when relative to the first anomaly. */
  trigger?: { change: Change; mechanism: string; when: string };
};

export type MetricView = SignalMetric & { key: string; sigma: number; at?: number };

export type Ctx = {
  signals: IncidentSignals;
  service: string;
  self: string;
  topology: DependencyMap;
  clock: Clock;
  /** Events read as evidence (benign lines removed), newest first. */
  events: SignalEvent[];
  /** Routine lines that are not evidence. */
  benign: { event: SignalEvent; label: string }[];
  errorEvents: SignalEvent[];
  incidentText: string;
  contextText: string;
  metrics: MetricView[];
  /** The text each event is read as (its service label, message and attributes). */
  texts: Map<string, string>;
};

export function contextFor(signals: IncidentSignals): Ctx {
  const clock = clockFor(signals);
  const benign: Ctx["benign"] = [];
  const events: SignalEvent[] = [];
  for (const e of signals.events) {
    const hit = benignLines.find((b) => b.re.test(e.message));
    if (hit) benign.push({ event: e, label: hit.label });
    else events.push(e);
  }
  const texts = new Map<string, string>();
  for (const e of events) texts.set(e.id, eventText(e));
  const topology = signals.topology && Object.keys(signals.topology).length ? signals.topology : defaultDependencyMap();
  return {
    signals,
    service: signals.incident.service,
    self: canonicalService(signals.incident.service),
    topology,
    clock,
    events,
    benign,
    errorEvents: events.filter((e) => /ERROR|CRITICAL|FATAL|ALERT|EMERG/.test(e.level)),
    incidentText: `${signals.incident.title}\n${signals.incident.description}`,
    contextText: [...signals.context_notes, ...signals.feature_flags.map((f) => f.description ?? "")].join("\n"),
    metrics: signals.metrics.map((m) => ({
      ...m,
      key: normaliseMetricName(m.name),
      sigma: metricSigma(m),
      at: clock.time(m.started_at, m.started_minutes_ago),
    })),
    texts,
  };
}

/** The change chosen as this incident's deploy / flag, with how close it came before the first anomaly. */
export type ChosenChange = { change: Change; recency: number };

export function scoreAll(ctx: Ctx, deploy?: ChosenChange, flag?: ChosenChange): Scored[] {
  const scored: Scored[] = [];
  for (const mode of failureModes) {
    if (mode.cause === "internal_dependency_failure") continue;
    const s = scoreMode(mode, ctx, deploy, flag);
    if (s) scored.push(s);
  }
  const dependency = scoreInternalDependency(ctx);
  if (dependency) scored.push(dependency);
  return scored;
}

export function scoreMode(mode: FailureMode, ctx: Ctx, deploy?: ChosenChange, flag?: ChosenChange): Scored | null {
  const evidence: Ev[] = [];
  let anomaly = 0;

  for (const p of mode.logs) {
    const hit = matchEvents(p, ctx);
    if (hit) {
      const strength = p.w * Math.min(1, 0.7 + 0.1 * (hit.count - 1));
      anomaly = Math.max(anomaly, Math.min(1, hit.count / 10) * 0.8);
      evidence.push({
        source: "event",
        ref: hit.event.id,
        detail: `${hit.event.level} ${hit.event.service}: "${excerpt(hit.event.message, hit.index)}"${hit.count > 1 ? ` (${hit.count} matching events)` : ""}`,
        strength,
        primary: true,
        ...(hit.at !== undefined ? { at: hit.at } : {}),
        services: hit.services,
        eventIds: hit.ids,
      });
    }
  }
  for (const p of [...mode.logs, ...(mode.text ?? [])]) {
    const isText = (mode.text ?? []).includes(p);
    const factor = isText ? 1 : 0.75;
    const m = p.re.exec(ctx.incidentText);
    if (m && !(p.unless && p.unless.test(ctx.incidentText))) {
      evidence.push({
        source: "incident",
        ref: quote(ctx.incidentText, m.index, m[0].length),
        detail: `${p.label} in the incident text: "${quote(ctx.incidentText, m.index, m[0].length)}"`,
        strength: p.w * factor,
        primary: true,
      });
    }
    const c = ctx.contextText ? p.re.exec(ctx.contextText) : null;
    if (c) {
      evidence.push({
        source: "context",
        ref: quote(ctx.contextText, c.index, c[0].length),
        detail: `${p.label} in the incident context: "${quote(ctx.contextText, c.index, c[0].length)}"`,
        strength: p.w * factor * 0.85,
        primary: true,
      });
    }
  }
  for (const rule of mode.metrics) {
    const hit = matchMetric(rule, ctx.metrics);
    if (hit) {
      const a = Math.abs(hit.sigma);
      evidence.push({
        source: "metric",
        ref: hit.name,
        detail: describeMetric(hit, hit.sigma) + (hit.at !== undefined ? ` since ${ctx.clock.format(hit.at)}` : ""),
        strength: rule.w * Math.min(1, a / 5) * (isAnomalous(a) ? 1 : 0.5),
        // Generic symptoms (error rate, a latency bump) support a cause but cannot establish one.
        primary: rule.w > 0.3,
        ...(hit.at !== undefined ? { at: hit.at } : {}),
        ...(hit.service ? { services: [canonicalService(hit.service)] } : {}),
      });
      anomaly = Math.max(anomaly, Math.min(1, a / 6));
    }
  }
  const vars: Record<string, string> = {};
  if (deploy) addDeployEvidence(mode, ctx, deploy, evidence, vars);
  if (flag && mode.flagWeight) addFlagEvidence(mode, ctx, flag, evidence, vars);

  if (!evidence.some((e) => e.primary)) return null;
  if (mode.cause === "bad_feature_flag" && !evidence.some((e) => e.source === "feature_flag")) return null;
  const best = dedupe(evidence).sort((a, b) => b.strength - a.strength || a.ref.localeCompare(b.ref));
  const score = combine(best);
  if (!vars.version) vars.version = "the latest deploy";
  if (!vars.flag) vars.flag = "the recently changed flag";
  return finish({ mode, evidence: best, score, raw: score, anomaly, vars, services: [] });
}

/** Onset and location from the evidence. */
export function finish(s: Scored): Scored {
  const times = s.evidence.filter((e) => (e.source === "event" || e.source === "metric") && e.at !== undefined).map((e) => e.at!);
  const services = [...new Set(s.evidence.flatMap((e) => e.services ?? []))].sort();
  return { ...s, services, ...(times.length ? { onset: Math.min(...times) } : {}) };
}

export function combine(evidence: Ev[]): number {
  return 1 - evidence.reduce((p, e) => p * (1 - Math.min(0.97, e.strength)), 1);
}

function addDeployEvidence(mode: FailureMode, ctx: Ctx, chosen: ChosenChange, evidence: Ev[], vars: Record<string, string>) {
  const d = chosen.change.deploy!;
  vars.version = d.version;
  const keyword = mode.deployKeywords && d.description ? mode.deployKeywords.exec(d.description) : null;
  const strength = Math.max(mode.deployWeight ?? 0, keyword ? 0.45 : 0) * chosen.recency;
  if (strength <= 0) return;
  const at = chosen.change.at;
  const gap = at !== undefined && ctx.clock.absolute ? ` at ${ctx.clock.format(at)}` : d.minutes_ago !== undefined ? ` ${formatGap(d.minutes_ago * 60_000)} before` : "";
  evidence.push({
    source: "deploy",
    ref: d.version,
    detail: `deploy ${d.version}${d.service ? ` of ${d.service}` : ""}${gap}${d.description ? `: "${d.description.slice(0, 120)}"` : ""}`,
    strength,
    primary: false,
  });
  // Errors right after a deploy, on the deployed service, are the classic deployment signature.
  if (mode.deployWeight && mode.deployWeight >= 0.5 && chosen.recency >= 0.75) {
    const own = ctx.errorEvents.filter((e) => {
      if (d.service && canonicalService(e.service) !== canonicalService(d.service)) return false;
      const t = eventTime(e.timestamp);
      return at === undefined || t === undefined || t >= at;
    });
    if (own.length >= 3) {
      evidence.push({
        source: "event",
        ref: own[0].id,
        detail: `${own.length} error events since the deploy, newest: "${excerpt(own[0].message, 0)}"`,
        strength: 0.4,
        primary: true,
      });
    }
  }
}

function addFlagEvidence(mode: FailureMode, ctx: Ctx, chosen: ChosenChange, evidence: Ev[], vars: Record<string, string>) {
  const f = chosen.change.flag!;
  vars.flag = f.name;
  const strength = (mode.flagWeight ?? 0) * chosen.recency;
  const hasErrors = ctx.errorEvents.length > 0 || ctx.metrics.some((m) => errorRateMetric(m) && m.sigma >= 3);
  if (strength <= 0 || !(hasErrors || mode.cause !== "bad_feature_flag")) return;
  const at = chosen.change.at;
  evidence.push({
    source: "feature_flag",
    ref: f.name,
    detail: `feature flag ${f.name}${f.enabled === undefined ? " changed" : f.enabled ? " enabled" : " disabled"}${at !== undefined && ctx.clock.absolute ? ` at ${ctx.clock.format(at)}` : f.minutes_ago !== undefined ? ` ${formatGap(f.minutes_ago * 60_000)} before` : ""}${f.rollout !== undefined ? ` (${f.rollout}% rollout)` : ""}`,
    strength,
    primary: mode.cause === "bad_feature_flag" && hasErrors,
  });
  if (mode.cause === "bad_feature_flag" && ctx.errorEvents.length > 0) {
    evidence.push({
      source: "event",
      ref: ctx.errorEvents[0].id,
      detail: `${ctx.errorEvents.length} error events after the flag change, newest: "${excerpt(ctx.errorEvents[0].message, 0)}"`,
      strength: 0.35,
      primary: true,
    });
  }
}

export function errorRateMetric(m: MetricView): boolean {
  return /(^|_)(5\d\d|5xx|errors?|failures?|exceptions?)(_|$)/.test(m.key);
}

/** One evidence item per signal: the strongest reading of it. */
function dedupe(evidence: Ev[]): Ev[] {
  const byKey = new Map<string, Ev>();
  for (const e of evidence) {
    // The incident text and the context notes each count once per failure mode, however many phrases match.
    const key = e.source === "incident" || e.source === "context" ? e.source : `${e.source}:${e.ref}`;
    const prev = byKey.get(key);
    if (!prev || e.strength > prev.strength) byKey.set(key, e);
  }
  return [...byKey.values()];
}

type EventHit = { event: SignalEvent; index: number; count: number; at?: number; services: string[]; ids: string[] };

function matchEvents(p: Pattern, ctx: Ctx): EventHit | null {
  let first: { event: SignalEvent; index: number } | null = null;
  let count = 0;
  let at: number | undefined;
  const services = new Set<string>();
  const ids: string[] = [];
  for (const e of ctx.events) {
    const raw = ctx.texts.get(e.id)!;
    const m = p.re.exec(raw);
    if (!m || (p.unless && p.unless.test(raw))) continue;
    count++;
    ids.push(e.id);
    services.add(canonicalService(e.service));
    const t = eventTime(e.timestamp);
    if (t !== undefined && (at === undefined || t < at)) at = t;
    if (!first) first = { event: e, index: Math.max(0, Math.min(m.index - e.service.length - 2, e.message.length)) };
  }
  return first ? { ...first, count, ...(at !== undefined ? { at } : {}), services: [...services].sort(), ids } : null;
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

/** Metrics a rule is about, whatever they show (for refuting a cause whose own metric stayed normal). */
export function metricsFor(rule: MetricRule, metrics: MetricView[]): MetricView[] {
  return metrics.filter((m) => rule.re.test(m.key) && !(rule.not && rule.not.test(m.key)));
}

const DATASTORES = /^(postgres(ql)?|pg|pgbouncer|mysql|mariadb|mongo(db)?|redis|valkey|memcached?|kafka|rabbitmq|elasticsearch|opensearch|llm|stripe|paypal|twilio|sendgrid|s3|openai)$/;

/**
 * Cascades: errors that name a service this one calls (or come from it) point at that dependency.
 * The deepest failing dependency is the root; data stores are left to their own failure modes.
 */
function scoreInternalDependency(ctx: Ctx): Scored | null {
  const mode = failureModes.find((m) => m.cause === "internal_dependency_failure")!;
  const { self, topology, signals } = ctx;
  const known = new Set<string>(
    [
      ...signals.dependencies.depends_on,
      ...Object.keys(topology),
      ...Object.values(topology).flat(),
      ...ctx.events.map((e) => e.service),
      ...signals.incident.affected_systems,
    ]
      .map(canonicalService)
      .filter((s) => s && s !== self && !DATASTORES.test(s) && s.length >= 3),
  );
  // Services named in the failing calls themselves (URLs, cluster DNS names, "<name> service"), for
  // dependencies the topology does not know.
  for (const e of ctx.events) {
    for (const m of e.message.matchAll(/https?:\/\/([a-z][a-z0-9-]{2,})(?=[.:/])|\b([a-z][a-z0-9-]{2,})\.(?:svc|[a-z0-9-]+\.svc)\b|\b([a-z][a-z0-9-]{2,})[ -]service\b/gi)) {
      const name = canonicalService(m[1] ?? m[2] ?? m[3] ?? "");
      if (name && name !== self && !/^(api|www|app|web|localhost|the|this|that|external|upstream|backend|internal)$/.test(name) && !DATASTORES.test(name)) known.add(name);
    }
  }
  const failWords = /refused|unavailable|timed? ?out|timeout|deadline|unreachable|\b5\d\d\b|failed|failure|error|reset|no healthy upstream|circuit/i;
  const hits = new Map<string, { count: number; event: SignalEvent; direct: boolean; at?: number; services: Set<string>; ids: string[] }>();
  for (const e of ctx.events) {
    if (!/ERROR|CRITICAL|FATAL|WARN/.test(e.level) && !failWords.test(e.message)) continue;
    const from = canonicalService(e.service);
    const text = e.message.toLowerCase();
    for (const dep of known) {
      const variants = [dep, dep.replace(/-/g, ""), `${dep}service`, `${dep.replace(/-/g, "")}service`];
      const mentioned = variants.some((v) => new RegExp(`(^|[^a-z0-9])${escapeRe(v)}([^a-z0-9]|$)`).test(text));
      const fromDep = from === dep && from !== self;
      if ((mentioned && failWords.test(e.message)) || (fromDep && /ERROR|CRITICAL|FATAL/.test(e.level))) {
        const prev = hits.get(dep) ?? { count: 0, event: e, direct: topoDependsOn(topology, self, dep), services: new Set<string>(), ids: [] };
        const t = eventTime(e.timestamp);
        prev.count++;
        prev.services.add(from);
        prev.ids.push(e.id);
        if (t !== undefined && (prev.at === undefined || t < prev.at)) prev.at = t;
        hits.set(dep, prev);
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
  const evidence: Ev[] = [
    {
      source: "event",
      ref: hit.event.id,
      detail: `${hit.event.level} ${hit.event.service}: "${excerpt(hit.event.message, 0)}"${hit.count > 1 ? ` (${hit.count} events naming ${dep})` : ""}`,
      strength,
      primary: true,
      ...(hit.at !== undefined ? { at: hit.at } : {}),
      services: [...hit.services].sort(),
      eventIds: hit.ids,
    },
    {
      source: "dependency",
      ref: dep,
      detail: hit.direct ? `${ctx.service} calls ${dep} (directly or through another service)` : `${dep} appears in the failing calls`,
      strength: hit.direct ? 0.3 : 0.1,
      primary: false,
    },
  ];
  const score = combine(evidence);
  return finish({
    mode,
    evidence,
    score,
    raw: score,
    anomaly: Math.min(1, hit.count / 10) * 0.8,
    vars: { dep, version: "the latest deploy", flag: "the recently changed flag" },
    services: [],
  });
}

/** Services related to the incident's: itself, what it calls, what calls it. */
export function neighbourhood(ctx: Ctx): Set<string> {
  const out = new Set<string>([ctx.self]);
  const add = (names: string[]) => names.forEach((n) => out.add(canonicalService(n)));
  add(dependenciesOf(ctx.topology, ctx.service));
  add(dependentsOf(ctx.topology, ctx.service));
  const stack = [...dependenciesOf(ctx.topology, ctx.service)];
  const seen = new Set<string>();
  while (stack.length) {
    const s = canonicalService(stack.pop()!);
    if (seen.has(s)) continue;
    seen.add(s);
    out.add(s);
    stack.push(...dependenciesOf(ctx.topology, s));
  }
  return out;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** About 160 characters of `message` around `index`, cut at word boundaries, each cut marked with "…". */
export function excerpt(message: string, index: number): string {
  const clean = message.replace(/\s+/g, " ");
  if (clean.length <= 160) return clean;
  let start = Math.max(0, Math.min(index - 40, clean.length - 160));
  let end = Math.min(clean.length, start + 160);
  // Never start or end inside a word: move the start to the next word, the end back to the last one.
  if (start > 0 && clean[start - 1] !== " ") {
    const space = clean.indexOf(" ", start);
    if (space >= 0 && space < index) start = space + 1;
  }
  if (end < clean.length && clean[end] !== " ") {
    const space = clean.lastIndexOf(" ", end);
    if (space > Math.max(start, index)) end = space;
  }
  const body = clean.slice(start, end).trim();
  return `${start > 0 ? "…" : ""}${body}${end < clean.length ? "…" : ""}`;
}

export function quote(text: string, index: number, length: number): string {
  const start = Math.max(0, index - 20);
  const end = Math.min(text.length, index + length + 20);
  return text.slice(start, end).replace(/\s+/g, " ").trim().slice(0, 100);
}
