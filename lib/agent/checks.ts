import type { CheckResult, CheckSpec } from "@/db/schema/agent";
import { CHECK_INTERVAL_MS, checksFor, type World } from "@/lib/simulation";
import type { ServiceSpec, Topology } from "@/lib/topology";
import type { CatalogAction } from "./catalog";

/** Every check holds for this many consecutive health-check instants (5 s of world time apart). */
export const CONSECUTIVE_CHECKS = 3;
/** The error budget of a service: its error rate must come back under this (or twice its baseline). */
export const ERROR_SLO_PERCENT = 1;

type FaultMetric = { name: string; value: number; baseline: number; sigma: number; pattern?: string; period_seconds?: number; ramp_seconds?: number };

/**
 * How many consecutive checks prove a recovery: three, or — when the failure swings (an oscillating
 * signal) — one full swing, so that a trough between two peaks is not mistaken for a recovery.
 */
export function consecutiveFor(faultMetrics: FaultMetric[]): number {
  let n = CONSECUTIVE_CHECKS;
  for (const m of faultMetrics) {
    if (m.pattern !== "oscillating") continue;
    const period = (m.period_seconds ?? 60) * 1000;
    n = Math.max(n, Math.ceil(period / CHECK_INTERVAL_MS) + 1);
  }
  return Math.min(n, 60);
}

const round = (x: number) => (Math.abs(x) >= 100 ? Math.round(x) : Math.round(x * 100) / 100);

/** The systems whose health shows that an action on `spec` worked (postgresql has a second one for bloat). */
export function systemsFor(action: CatalogAction, spec: Pick<ServiceSpec, "name" | "kind">): string[] {
  if (spec.kind !== "database") return [spec.name];
  if (action.id === "vacuum_table") return [`${spec.name}-bloat`];
  if (action.id === "restart_postgres") return [spec.name, `${spec.name}-bloat`];
  return [spec.name];
}

export function healthCheck(system: string, threshold: number, consecutive = CONSECUTIVE_CHECKS): CheckSpec {
  return { name: `${system} health ≥ ${threshold}%`, kind: "health", system, threshold, consecutive };
}

/**
 * The checks that prove a step worked: the target's health back above the threshold, a service's
 * error rate under its budget, and each metric the failure drove on the target back within two
 * standard deviations of its baseline (memory under baseline + 2σ, ready pods over baseline − 2σ…),
 * each for three consecutive checks. `faultMetrics` are the metrics failing on the target when the
 * plan was made (the world's faults on it), strongest deviations first.
 */
export function checksForStep(
  action: CatalogAction,
  spec: Pick<ServiceSpec, "name" | "kind">,
  threshold: number,
  baseline: Record<string, number>,
  faultMetrics: FaultMetric[],
): CheckSpec[] {
  const consecutive = consecutiveFor(faultMetrics);
  const checks = systemsFor(action, spec).map((s) => healthCheck(s, threshold, consecutive));
  if (spec.kind === "service") {
    const budget = Math.max(ERROR_SLO_PERCENT, 2 * (baseline.error_rate_percent ?? 0));
    checks.push({
      name: `${spec.name} error rate ≤ ${round(budget)}% (error budget)`,
      kind: "metric_max",
      service: spec.name,
      metric: "error_rate_percent",
      threshold: round(budget),
      consecutive,
    });
  }
  const seen = new Set<string>(["error_rate_percent"]);
  const strongest = [...faultMetrics].sort((a, b) => Math.abs(b.sigma) - Math.abs(a.sigma));
  for (const m of strongest) {
    if (seen.has(m.name) || m.sigma === 0 || m.value === m.baseline) continue;
    seen.add(m.name);
    const std = Math.abs(m.value - m.baseline) / Math.abs(m.sigma);
    const up = m.value > m.baseline;
    const limit = round(up ? m.baseline + 2 * std : m.baseline - 2 * std);
    checks.push({
      name: `${spec.name} ${m.name} ${up ? "≤" : "≥"} ${limit} (baseline ${round(m.baseline)} ${up ? "+" : "−"} 2σ)`,
      kind: up ? "metric_max" : "metric_min",
      service: spec.name,
      metric: m.name,
      threshold: limit,
      consecutive,
    });
    if (seen.size > 3) break;
  }
  return checks;
}

/** The checks of a whole plan: every step's, and the incident's own system, each once. */
export function planChecks(stepChecks: CheckSpec[][], incidentSystem: string | null, threshold: number): CheckSpec[] {
  const flat = stepChecks.flat();
  const consecutive = Math.max(CONSECUTIVE_CHECKS, ...flat.map((c) => c.consecutive));
  const all = [...flat, ...(incidentSystem ? [healthCheck(incidentSystem, threshold, consecutive)] : [])];
  const byName = new Map<string, CheckSpec>();
  for (const c of all) {
    const seen = byName.get(c.name);
    if (!seen || c.consecutive > seen.consecutive) byName.set(c.name, c);
  }
  return [...byName.values()];
}

export type Verification = {
  results: CheckResult[];
  /** True only when there is at least one check and every one has held for its consecutive instants. */
  passed: boolean;
  /** Check instants read after the action. */
  instants: number;
};

/** The instants (world ms) a verification reads: every check interval after `fromMs`, up to `toMs`. */
export function instantsBetween(fromMs: number, toMs: number): number[] {
  const out: number[] = [];
  for (let i = Math.floor(fromMs / CHECK_INTERVAL_MS) + 1; i * CHECK_INTERVAL_MS <= toMs; i++) out.push(i * CHECK_INTERVAL_MS);
  return out;
}

function valueOf(check: CheckSpec, world: World, topology: Topology, t: number): number | undefined {
  if (check.kind === "health") {
    const system = check.system ?? "";
    const service = topology.services.find((s) => s.name === system || `${s.name}-bloat` === system);
    if (!service) return undefined;
    const metrics = world.metricsAt(service.name, t);
    return metrics ? checksFor(service, metrics).find((c) => c.system === system)?.health : undefined;
  }
  const metrics = check.service ? world.metricsAt(check.service, t) : undefined;
  return metrics && check.metric ? metrics[check.metric] : undefined;
}

function holds(check: CheckSpec, v: number | undefined): boolean {
  if (v === undefined || !Number.isFinite(v)) return false;
  if (check.kind === "metric_max") return v <= check.threshold;
  return v >= check.threshold;
}

const seconds = (ms: number) => {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s` : `${s}s`;
};

/**
 * Reads the checks back from the world at the instants after the action: each passes when it held
 * at the last `consecutive` instants. Zero checks never pass: a plan with nothing to verify fails.
 */
export function evaluateChecks(checks: CheckSpec[], world: World, topology: Topology, fromMs: number, toMs: number): Verification {
  const instants = instantsBetween(fromMs, toMs);
  const results: CheckResult[] = checks.map((check) => {
    const window = instants.slice(-check.consecutive);
    const observed = window.map((t) => valueOf(check, world, topology, t)).map((v) => (v === undefined ? NaN : round(v)));
    const ok = window.length >= check.consecutive && window.every((_, i) => holds(check, observed[i]));
    const last = observed.at(-1);
    let detail: string;
    if (window.length === 0) detail = "waiting for the first health check after the action";
    else if (ok) detail = `held at the last ${check.consecutive} checks (${observed.join(", ")})`;
    else if (window.length < check.consecutive && holds(check, last)) detail = `holding: ${window.length} of ${check.consecutive} consecutive checks so far (${observed.join(", ")})`;
    else {
      const what = check.kind === "health" ? "health" : check.metric;
      detail = `${what} ${last === undefined || Number.isNaN(last) ? "unavailable" : last} at ${seconds(window.at(-1)!)} of world time; needs ${check.kind === "metric_min" || check.kind === "health" ? "≥" : "≤"} ${check.threshold}`;
    }
    return { name: check.name, passed: ok, detail, observed: observed.filter((v) => Number.isFinite(v)) };
  });
  return { results, passed: checks.length > 0 && results.every((r) => r.passed), instants: instants.length };
}

/** World ms after `fromMs` at which the checks first all held for their consecutive instants (null if not by `toMs`). */
export function firstPassMs(checks: CheckSpec[], world: World, topology: Topology, fromMs: number, toMs: number): number | null {
  if (checks.length === 0) return null;
  for (const t of instantsBetween(fromMs, toMs)) {
    if (evaluateChecks(checks, world, topology, fromMs, t).passed) return t - fromMs;
  }
  return null;
}
