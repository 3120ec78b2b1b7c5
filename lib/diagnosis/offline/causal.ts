import type { CausalStep, DismissedSignal, Evidence } from "../schema";
import { canonicalService, dependenciesOf, dependentsOf } from "@/lib/topology";
import { causalLinks, changeKinds, genericSymptoms, type CausalLink } from "./causal-knowledge";
import { failureModes } from "./knowledge-base";
import { combine, excerpt, finish, metricsFor, neighbourhood, type ChosenChange, type Ctx, type Ev, type Explanation, type Scored } from "./scoring";
import { changeDirection, formatGap, type Change } from "./timeline";

/**
 * The causal reasoning an on-call engineer does after collecting the evidence, each step citing it:
 *  - time: which anomaly came first, and which changes fall in the window before it (later ones and
 *    changes to unrelated services are dismissed);
 *  - topology: trouble in a dependency that started first explains its callers' symptoms, and errors
 *    reported by callers are the incident's own failure seen from upstream;
 *  - mechanism: known causal links (causal-knowledge.ts) between failure modes, with the signs that
 *    show each at work (retries, GC pauses, rebalances…);
 *  - discounting: a symptom another hypothesis explains ranks below it; a cause whose own defining
 *    metric stayed at its baseline is refuted; routine lines and irrelevant changes are named as
 *    considered and dismissed.
 */

/** Two onsets closer than this are simultaneous. */
const TOLERANCE = 2 * 60_000;
/** Below this, a hypothesis explains nothing. */
const EXPLAINER_FLOOR = 0.4;

export function firstAnomaly(scored: Scored[]): { at: number; by: Scored } | undefined {
  let first: { at: number; by: Scored } | undefined;
  for (const s of scored) {
    if (s.onset === undefined || s.raw < 0.3) continue;
    if (!first || s.onset < first.at) first = { at: s.onset, by: s };
  }
  return first;
}

export type Triage = { dismissed: DismissedSignal[]; candidates: Change[]; deploy?: ChosenChange; flag?: ChosenChange };

/** Time and place of every change: after the first anomaly or on an unrelated service, it is dismissed. */
export function triageChanges(changes: Change[], first: { at: number; by: Scored } | undefined, ctx: Ctx, pass1: Scored[]): Triage {
  const related = neighbourhood(ctx);
  for (const s of pass1) if (s.raw >= 0.3) for (const svc of s.services) addWithDependencies(related, svc, ctx);
  const dismissed: DismissedSignal[] = [];
  const candidates: Change[] = [];
  for (const c of changes) {
    if (first && c.at !== undefined && c.at > first.at + TOLERANCE) {
      dismissed.push({
        source: c.source,
        ref: c.ref,
        reason: `${capitalise(c.description)} came ${formatGap(c.at - first.at)} after the first anomaly (${firstSign(first.by)} at ${ctx.clock.format(first.at)}), so it cannot have caused it.`.slice(0, 300),
      });
    } else if (c.service && knows(ctx, ctx.service) && knows(ctx, c.service) && !related.has(canonicalService(c.service))) {
      dismissed.push({
        source: c.source,
        ref: c.ref,
        reason: `${capitalise(c.description)}: ${c.service} neither calls nor is called by ${ctx.service}, and none of its signals are failing.`.slice(0, 300),
      });
    } else candidates.push(c);
  }
  const crashed = new Set(pass1.filter((s) => s.mode.cause === "deployment_issue").flatMap((s) => s.services));
  const gap = (c: Change) => (first && c.at !== undefined ? first.at - c.at : (c.minutesAgo ?? 720) * 60_000);
  const deploys = candidates
    .filter((c) => c.kind === "deploy")
    .map((c) => {
      const svc = c.service ? canonicalService(c.service) : undefined;
      const rank = svc && crashed.has(svc) ? 0 : !svc || svc === ctx.self ? 1 : 2;
      return { c, rank };
    })
    .sort((a, b) => a.rank - b.rank || gap(a.c) - gap(b.c) || a.c.ref.localeCompare(b.c.ref));
  const flags = candidates
    .filter((c) => c.kind === "flag" && gap(c) <= 24 * 3_600_000)
    .sort((a, b) => gap(a) - gap(b) || a.ref.localeCompare(b.ref));
  const deploy = deploys[0]?.c;
  const flag = flags[0];
  return {
    dismissed,
    candidates,
    ...(deploy ? { deploy: { change: deploy, recency: recency(first, deploy, [30, 60, 180, 480, 1440], [1, 0.9, 0.75, 0.5, 0.25, 0.1], 0.5) } } : {}),
    ...(flag ? { flag: { change: flag, recency: recency(first, flag, [30, 120, 480], [1, 0.75, 0.4, 0.15], 0.6) } } : {}),
  };
}

/** How close a change came before the first anomaly (or before the report), as a weight. */
function recency(first: { at: number } | undefined, c: Change, steps: number[], weights: number[], unknown: number): number {
  const minutes = first && c.at !== undefined ? Math.max(0, (first.at - c.at) / 60_000) : c.minutesAgo;
  if (minutes === undefined) return unknown;
  const i = steps.findIndex((s) => minutes <= s);
  return weights[i === -1 ? weights.length - 1 : i];
}

/** Whether the topology has the service at all (otherwise nothing can be said about who calls it). */
function knows(ctx: Ctx, service: string): boolean {
  const name = canonicalService(service);
  return Object.entries(ctx.topology).some(([k, deps]) => canonicalService(k) === name || deps.some((d) => canonicalService(d) === name));
}

function addWithDependencies(set: Set<string>, service: string, ctx: Ctx) {
  set.add(service);
  for (const d of dependenciesOf(ctx.topology, service)) set.add(canonicalService(d));
}

export type CausalResult = { scored: Scored[]; dismissed: DismissedSignal[] };

/** Applies the reasoning to the scored hypotheses: adjusts scores, records what explains what. */
export function reasonCausally(input: Scored[], ctx: Ctx, triage: Triage, first: { at: number; by: Scored } | undefined): CausalResult {
  const scored = [...input];
  const refuted = refute(scored, ctx);
  markTriggers(scored, triage, first, ctx);
  const candidates: Candidate[] = [];
  candidates.push(...attributeChanges(scored, triage.candidates, first, ctx));
  candidates.push(...mechanismLinks(scored, ctx));
  candidates.push(...topologyLinks(scored, ctx));
  assign(candidates);
  applyScores(scored);
  return { scored, dismissed: [...triage.dismissed, ...refuted, ...benign(ctx)].slice(0, 8) };
}

// ── discounting: a cause whose defining metric stayed put ─────────────────────────────────────────

function refute(scored: Scored[], ctx: Ctx): DismissedSignal[] {
  const out: DismissedSignal[] = [];
  for (const s of scored) {
    if (s.mode.cause === "internal_dependency_failure") continue;
    let moved = false;
    let flat: (typeof ctx.metrics)[number] | undefined;
    for (const rule of s.mode.metrics.filter((r) => r.w >= 0.7)) {
      for (const m of metricsFor(rule, ctx.metrics)) {
        if ((rule.dir === "up" ? m.sigma : -m.sigma) >= 2) moved = true;
        else if (Math.abs(m.sigma) < 1.5 && !flat) flat = m;
      }
    }
    if (moved || !flat) continue;
    s.score *= 0.6;
    const reason = `${flat.name} stayed at its baseline (${flat.value} vs ${flat.baseline ?? "—"}), which rules out ${lowerFirst(fillTitle(s, ctx))}.`;
    s.refuted = { ref: flat.name, reason };
    if (s.raw >= 0.35) out.push({ source: "metric", ref: flat.name, reason: reason.slice(0, 300) });
  }
  return out;
}

// ── time: changes before the first anomaly ────────────────────────────────────────────────────────

/** The chosen deploy or flag is the trigger of the hypotheses it supports, when it came first. */
function markTriggers(scored: Scored[], triage: Triage, first: { at: number } | undefined, ctx: Ctx) {
  for (const chosen of [triage.deploy, triage.flag]) {
    if (!chosen || chosen.recency < 0.5) continue;
    for (const s of scored) {
      const ev = s.evidence.find((e) => (e.source === "deploy" || e.source === "feature_flag") && e.ref === chosen.change.ref);
      if (!ev || ev.strength < 0.3 || s.trigger) continue;
      if (s.onset !== undefined && chosen.change.at !== undefined && chosen.change.at > s.onset + TOLERANCE) continue;
      s.trigger = {
        change: chosen.change,
        mechanism: s.mode.cause === "deployment_issue" || s.mode.cause === "bad_feature_flag" ? firstSentence(s.mode.explanation) : `the change introduced it: ${lowerFirst(firstSentence(s.mode.explanation))}`,
        when: whenBefore(chosen.change, first, ctx),
      };
    }
  }
}

type Candidate = { effect: Scored; explanation: Explanation; priority: number };

/** Configuration, credential and scaling changes whose kind is known to produce a failure seen after them. */
function attributeChanges(scored: Scored[], changes: Change[], first: { at: number } | undefined, ctx: Ctx): Candidate[] {
  const out: Candidate[] = [];
  for (const c of changes) {
    if (c.source !== "change") continue;
    const direction = changeDirection(c.description);
    for (const kind of changeKinds) {
      if (!kind.match.test(c.description)) continue;
      if (kind.direction && kind.direction !== direction) continue;
      const effects = scored
        .filter((h) => h.raw >= 0.3 && kind.produces.includes(h.mode.cause) && h.mode.cause !== kind.blame)
        .filter((h) => fitsWindow(c, h.onset, kind.window, first));
      const blameNow = scored.find((h) => h.mode.cause === kind.blame);
      const selfMatch = blameNow && blameNow.raw >= 0.3 && kind.produces.includes(kind.blame) && fitsWindow(c, blameNow.onset, kind.window, first);
      if (!effects.length && !selfMatch) continue;
      const blame = blameNow ?? newHypothesis(kind.blame, ctx);
      if (!blameNow) scored.push(blame);
      const before = whenBefore(c, first, ctx);
      const changeEv: Ev = {
        source: "change",
        ref: c.ref,
        detail: `${capitalise(c.description)}${before}`.slice(0, 400),
        strength: 0.6,
        primary: true,
        ...(c.at !== undefined ? { at: c.at } : {}),
      };
      const consequences: Ev[] = [];
      for (const h of effects) {
        const best = h.evidence.find((e) => e.source === "event" || e.source === "metric") ?? h.evidence[0];
        if (consequences.length >= 2 || consequences.some((e) => e.ref === best.ref)) continue;
        consequences.push({ ...best, strength: Math.min(0.85, h.raw), detail: `consequence: ${best.detail}`.slice(0, 400) });
      }
      blame.evidence = [changeEv, ...consequences, ...blame.evidence.filter((e) => e.ref !== c.ref)].slice(0, 8);
      blame.score = Math.max(blame.score, combine(blame.evidence));
      blame.raw = Math.max(blame.raw, blame.score);
      if (c.at !== undefined && (blame.onset === undefined || c.at < blame.onset)) blame.onset = c.at;
      if (!blame.trigger) blame.trigger = { change: c, mechanism: kind.mechanism, when: before };
      for (const h of effects) out.push({ effect: h, explanation: { by: blame, mechanism: kind.mechanism, kind: "change", signs: [] }, priority: 0 });
    }
  }
  return out;
}

function fitsWindow(c: Change, onset: number | undefined, windowMinutes: number, first: { at: number } | undefined): boolean {
  if (c.at !== undefined && onset !== undefined) return c.at <= onset + TOLERANCE && onset - c.at <= windowMinutes * 60_000;
  if (c.at !== undefined && first) return c.at <= first.at + TOLERANCE && first.at - c.at <= windowMinutes * 60_000;
  return c.minutesAgo === undefined || c.minutesAgo <= windowMinutes;
}

function newHypothesis(cause: string, ctx: Ctx): Scored {
  const mode = failureModes.find((m) => m.cause === cause)!;
  return finish({ mode, evidence: [], score: 0, raw: 0, anomaly: 0, vars: { version: "the latest deploy", flag: "the recently changed flag", dep: ctx.service }, services: [] });
}

// ── mechanism: known causal links ─────────────────────────────────────────────────────────────────

function mechanismLinks(scored: Scored[], ctx: Ctx): Candidate[] {
  const out: Candidate[] = [];
  for (const link of causalLinks) {
    const from = strongest(scored, link.from);
    if (!from || from.score < EXPLAINER_FLOOR || !factual(from)) continue;
    for (const to of scored.filter((s) => s.mode.cause === link.to && s !== from)) {
      const order = timeOrder(from, to);
      if (order === "after") continue;
      if (link.sameEvent && !sharesEvent(from, to)) continue;
      if (link.effect && !to.evidence.some((e) => link.effect!.test(`${e.ref} ${e.detail}`))) continue;
      const signs = link.signs ? findSigns(link, ctx) : [];
      if (link.signs && signs.length === 0) continue;
      // Without a time order, the explanation must be about as well supported as what it explains.
      if (order === "same" && from.score < 0.6 * to.score && !link.sameEvent) continue;
      // Two failure modes that can cause each other: at the same time, the better-supported one leads.
      if (order === "same" && causalLinks.some((l) => l.from === link.to && l.to === link.from) && from.score < to.score) continue;
      out.push({ effect: to, explanation: { by: from, mechanism: link.mechanism, kind: "mechanism", signs }, priority: order === "before" ? 1 : 2 });
    }
  }
  return out;
}

function findSigns(link: CausalLink, ctx: Ctx): Ev[] {
  const out: Ev[] = [];
  const { logs, metrics, label } = link.signs!;
  if (logs) {
    const e = ctx.events.find((ev) => logs.test(ctx.texts.get(ev.id)!));
    if (e) out.push({ source: "event", ref: e.id, detail: `${label}: ${e.service}: "${excerpt(e.message, 0)}"`, strength: 0.5, primary: false });
  }
  if (metrics) {
    const m = ctx.metrics.find((x) => metrics.test(x.key) && x.sigma >= 2);
    if (m) out.push({ source: "metric", ref: m.name, detail: `${label}: ${m.name} ${m.value} vs baseline ${m.baseline ?? "—"}`, strength: 0.5, primary: false });
  }
  return out;
}

// ── topology: dependencies first, callers downstream ─────────────────────────────────────────────

function topologyLinks(scored: Scored[], ctx: Ctx): Candidate[] {
  const out: Candidate[] = [];
  const callers = new Set(dependentsOf(ctx.topology, ctx.service).map(canonicalService));
  const deps = neighbourhoodDependencies(ctx);
  const explainers = scored.filter((s) => s.score >= EXPLAINER_FLOOR && factual(s));
  // A generic symptom (slowness, a failing call) is never the explanation of another.
  const specific = explainers.filter((s) => !genericSymptoms.has(s.mode.cause));

  for (const s of scored) {
    // "X failing; we depend on it": explained by what is wrong in X (or below it).
    if (s.mode.cause === "internal_dependency_failure" && s.vars.dep) {
      const dep = canonicalService(s.vars.dep);
      const below = new Set([dep, ...dependenciesOf(ctx.topology, dep).map(canonicalService)]);
      const by = best(
        specific.filter(
          (h) =>
            h !== s &&
            timeOrder(h, s) !== "after" &&
            (h.services.some((x) => below.has(x)) || h.evidence.some((e) => e.source !== "dependency" && mentions(e.detail, dep))),
        ),
      );
      if (by) out.push({ effect: s, explanation: { by, mechanism: `${ctx.service} calls ${s.vars.dep}, and ${s.vars.dep} fails because of this`, kind: "topology", signs: [] }, priority: 1 });
    }
    // Errors reported only by callers are this service's failure seen from upstream.
    const eventServices = s.evidence.filter((e) => e.source === "event").flatMap((e) => e.services ?? []);
    if (eventServices.length && eventServices.every((x) => callers.has(x)) && !s.evidence.some((e) => e.source === "metric")) {
      const by = best(explainers.filter((h) => h !== s && !h.services.every((x) => callers.has(x))));
      if (by) {
        const who = [...new Set(eventServices)].join(", ");
        out.push({ effect: s, explanation: { by, mechanism: `${who} call${eventServices.length > 1 ? "" : "s"} ${ctx.service}; what ${who} report${eventServices.length > 1 ? "" : "s"} is ${ctx.service}'s failure seen from upstream`, kind: "topology", signs: [] }, priority: 1 });
      } else s.score *= 0.8;
    }
    // A generic symptom here, with trouble in a dependency that started first.
    if (genericSymptoms.has(s.mode.cause) && (s.services.length === 0 || s.services.includes(ctx.self))) {
      const by = best(
        specific.filter((h) => h !== s && h.services.length > 0 && !h.services.includes(ctx.self) && h.services.some((x) => deps.has(x)) && timeOrder(h, s) !== "after"),
      );
      if (by) {
        const dep = by.services.find((x) => deps.has(x))!;
        out.push({ effect: s, explanation: { by, mechanism: `${ctx.service} calls ${dep}; the trouble in ${dep} started first and reaches ${ctx.service}'s requests`, kind: "topology", signs: [] }, priority: 1 });
      }
    }
  }
  return out;
}

function neighbourhoodDependencies(ctx: Ctx): Set<string> {
  const out = new Set<string>();
  const stack = dependenciesOf(ctx.topology, ctx.service).map(canonicalService);
  while (stack.length) {
    const s = stack.pop()!;
    if (out.has(s) || s === ctx.self) continue;
    out.add(s);
    stack.push(...dependenciesOf(ctx.topology, s).map(canonicalService));
  }
  return out;
}

// ── putting it together ──────────────────────────────────────────────────────────────────────────

/** Each symptom gets its best explanation: a change first, then an earlier cause, then a concurrent one. */
function assign(candidates: Candidate[]) {
  const sorted = [...candidates].sort(
    (a, b) =>
      a.priority - b.priority ||
      b.explanation.by.score - a.explanation.by.score ||
      (a.explanation.by.onset ?? Infinity) - (b.explanation.by.onset ?? Infinity) ||
      a.explanation.by.mode.cause.localeCompare(b.explanation.by.mode.cause),
  );
  for (const c of sorted) {
    if (c.effect.explainedBy) continue;
    if (causes(c.effect, c.explanation.by)) continue;
    c.effect.explainedBy = c.explanation;
  }
}

/** True when `a` is (transitively) the explanation of `b`. */
function causes(a: Scored, b: Scored): boolean {
  for (let x: Scored | undefined = b, i = 0; x && i < 10; x = x.explainedBy?.by, i++) if (x === a) return true;
  return false;
}

/** Causes gain from the symptoms they explain; symptoms rank below their cause. */
function applyScores(scored: Scored[]) {
  const effects = (s: Scored) => scored.filter((x) => x.explainedBy?.by === s);
  for (const s of scored) {
    const boost = effects(s).reduce((p, e) => p * (1 - 0.25 * e.raw), 1);
    s.score = Math.min(0.97, 1 - (1 - s.score) * boost);
  }
  const done = new Set<Scored>();
  const visit = (s: Scored) => {
    if (done.has(s)) return;
    done.add(s);
    const by = s.explainedBy?.by;
    if (by) {
      visit(by);
      s.score = Math.min(s.score, by.score * 0.9);
    }
  };
  for (const s of scored) visit(s);
}

/** "cause → mechanism → symptom" for a hypothesis, each step citing its signals. */
export function chainFor(top: Scored, scored: Scored[], ctx: Ctx): CausalStep[] {
  const steps: CausalStep[] = [];
  const evidenceOf = (s: Scored, n: number): Evidence[] =>
    s.evidence
      .filter((e) => e.source !== "dependency" || s.evidence.length === 1)
      .slice(0, n)
      .map(plain);
  const at = (ms: number | undefined) => (ms !== undefined && ctx.clock.absolute ? ` (from ${ctx.clock.format(ms)})` : "");
  const trigger = top.trigger;
  const triggerEv = trigger && top.evidence.find((e) => e.ref === trigger.change.ref && (e.source === "change" || e.source === "deploy" || e.source === "feature_flag"));
  if (trigger) {
    steps.push({ role: "cause", description: `${capitalise(trigger.change.description)}${trigger.when}`.slice(0, 300), evidence: triggerEv ? [plain(triggerEv)] : [] });
  } else {
    steps.push({ role: "cause", description: `${fillTitle(top, ctx)}${at(top.onset)}`.slice(0, 300), evidence: evidenceOf(top, 2) });
  }
  // Follow what it explains to the loudest symptom.
  const path: Scored[] = [];
  for (let node = top; path.length < 3; ) {
    const next = scored
      .filter((s) => s.explainedBy?.by === node && !path.includes(s))
      .sort((a, b) => b.raw - a.raw || a.mode.cause.localeCompare(b.mode.cause))[0];
    if (!next) break;
    path.push(next);
    node = next;
  }
  // A change's own mechanism is the first link, unless the path already starts with it.
  if (trigger && path[0]?.explainedBy?.kind !== "change") {
    const own = top.evidence.filter((e) => e !== triggerEv && !e.detail.startsWith("consequence"));
    steps.push({ role: "mechanism", description: capitalise(trigger.mechanism).slice(0, 300), evidence: evidenceOf({ ...top, evidence: own }, 1) });
  }
  if (path.length === 0) {
    if (!trigger) steps.push({ role: "mechanism", description: firstSentence(top.mode.explanation).slice(0, 300), evidence: [] });
    const symptom = userSymptom(top, ctx);
    steps.push({ role: "symptom", description: symptom.description.slice(0, 300), evidence: symptom.evidence });
    return steps;
  }
  path.forEach((s, i) => {
    const e = s.explainedBy!;
    const last = i === path.length - 1;
    const signs = e.signs.map(plain);
    steps.push({
      role: "mechanism",
      description: capitalise(e.mechanism).slice(0, 300),
      evidence: signs.length ? signs.slice(0, 2) : last ? [] : evidenceOf(s, 1),
    });
    if (last) steps.push({ role: "symptom", description: seenAs(s, ctx).slice(0, 300), evidence: evidenceOf(s, 2) });
  });
  return steps.slice(0, 6);
}

/** A symptom told by what was observed, not by the name of a failure mode. */
function seenAs(s: Scored, ctx: Ctx): string {
  const e = s.evidence.find((x) => x.source === "event" || x.source === "metric") ?? s.evidence[0];
  const when = s.onset !== undefined && ctx.clock.absolute ? ` from ${ctx.clock.format(s.onset)}` : "";
  if (!e) return `${fillTitle(s, ctx)}${when}`;
  return `Seen${when} as ${e.detail.replace(/\s+/g, " ")}`;
}

/** What users see, when no other hypothesis stands for it: an error or latency signal, else the report itself. */
function userSymptom(top: Scored, ctx: Ctx): { description: string; evidence: Evidence[] } {
  const used = new Set(top.evidence.map((e) => e.ref));
  const metric = [...ctx.metrics]
    .filter((m) => !used.has(m.name) && m.sigma >= 3 && /(^|_)(5\d\d|5xx|errors?|failures?|latency|duration|p9[59]|response_time|lag|timeouts?)(_|$)/.test(m.key))
    .sort((a, b) => b.sigma - a.sigma || a.name.localeCompare(b.name))[0];
  if (metric) return { description: `Users see it as ${metric.name} at ${metric.value} (baseline ${metric.baseline ?? "—"})`, evidence: [{ source: "metric", ref: metric.name, detail: `${metric.name} ${metric.value} vs baseline ${metric.baseline ?? "—"}` }] };
  const event = ctx.errorEvents.find((e) => !used.has(e.id));
  if (event) return { description: `Requests fail: ${event.service} reports "${excerpt(event.message, 0).slice(0, 120)}"`, evidence: [{ source: "event", ref: event.id, detail: `${event.level} ${event.service}: "${excerpt(event.message, 0)}"` }] };
  const title = ctx.signals.incident.title.slice(0, 120);
  return { description: `Reported as "${title}"`, evidence: [{ source: "incident", ref: title, detail: `incident title: "${title}"` }] };
}

// ── red herrings: routine lines ───────────────────────────────────────────────────────────────────

function benign(ctx: Ctx): DismissedSignal[] {
  return ctx.benign
    .filter((b) => /WARN|ERROR|CRITICAL|FATAL/.test(b.event.level))
    .slice(0, 3)
    .map((b) => ({ source: "event" as const, ref: b.event.id, reason: `Routine line, not a failure: ${b.label} ("${excerpt(b.event.message, 0).slice(0, 100)}").` }));
}

// ── helpers ───────────────────────────────────────────────────────────────────────────────────────

function strongest(scored: Scored[], cause: string): Scored | undefined {
  return scored.filter((s) => s.mode.cause === cause).sort((a, b) => b.score - a.score)[0];
}

function best(list: Scored[]): Scored | undefined {
  return [...list].sort((a, b) => b.score - a.score || (a.onset ?? Infinity) - (b.onset ?? Infinity) || a.mode.cause.localeCompare(b.mode.cause))[0];
}

/** Supported by something that happened (a log line, a metric, a change), not only by words in the report. */
function factual(s: Scored): boolean {
  return s.evidence.some((e) => e.primary && (e.source === "event" || e.source === "metric" || e.source === "change" || e.source === "deploy" || e.source === "feature_flag"));
}

function timeOrder(a: Scored, b: Scored): "before" | "same" | "after" {
  if (a.onset === undefined || b.onset === undefined) return "same";
  if (a.onset < b.onset - TOLERANCE) return "before";
  if (a.onset > b.onset + TOLERANCE) return "after";
  return "same";
}

function sharesEvent(a: Scored, b: Scored): boolean {
  const ids = new Set(a.evidence.flatMap((e) => e.eventIds ?? []));
  return b.evidence.some((e) => (e.eventIds ?? []).some((id) => ids.has(id)));
}

function mentions(text: string, service: string): boolean {
  return new RegExp(`(^|[^a-z0-9])${service.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}([^a-z0-9]|$)`, "i").test(text);
}

function whenBefore(c: Change, first: { at: number } | undefined, ctx: Ctx): string {
  if (c.at === undefined) return "";
  const when = ctx.clock.absolute ? ` at ${ctx.clock.format(c.at)}` : "";
  return first && first.at >= c.at ? `${when}, ${formatGap(first.at - c.at)} before the first anomaly` : when;
}

function firstSign(s: Scored): string {
  const e = s.evidence.find((x) => x.at !== undefined) ?? s.evidence[0];
  return e ? (e.source === "metric" ? e.ref : `"${clipWords(e.detail.replace(/^[A-Z]+ [^:]+: "?/, ""), 60)}"`) : fillTitle(s, undefined);
}

export function fillTitle(s: Scored, ctx: Ctx | undefined): string {
  return s.mode.title
    .replace(/\{service\}/g, ctx?.service ?? "the service")
    .replace(/\{dep\}/g, s.vars.dep ?? "the failing dependency")
    .replace(/\{version\}/g, s.vars.version ?? "the latest deploy")
    .replace(/\{flag\}/g, s.vars.flag ?? "the recently changed flag");
}

function plain(e: Ev): Evidence {
  return { source: e.source, ref: e.ref, detail: e.detail };
}

function firstSentence(text: string): string {
  const m = /^(.+?[.;:])(\s|$)/.exec(text);
  return (m ? m[1] : text).replace(/[;:]$/, ".");
}

function capitalise(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

function lowerFirst(s: string): string {
  return /^[A-Z][a-z]/.test(s) ? s[0].toLowerCase() + s.slice(1) : s;
}


/** At most `max` characters, cut at a word boundary and marked with "…" when cut. */
function clipWords(text: string, max: number): string {
  const clean = text.replace(/^…/, "").replace(/…$/, "");
  if (clean.length <= max) return text.endsWith("…") ? `${clean}…` : clean;
  const cut = clean.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${cut.slice(0, space > max * 0.5 ? space : max).replace(/[\s,;:("'“]+$/, "")}…`;
}
