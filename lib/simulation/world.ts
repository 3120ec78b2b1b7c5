import { baselineMetrics, integerMetrics } from "./metrics";
import { gaussian, keyHash } from "./noise";
import { impliedStd, patternLevel } from "./patterns";
import { allFaults, type MetricPattern, type Scenario } from "./schemas";
import { type ServiceSpec, type Topology } from "@/lib/topology";

/** The world re-draws its noise once per health-check interval of world time. */
export const NOISE_BUCKET_MS = 5_000;
/** Share of a fault metric's implied standard deviation used as noise around its level. */
export const FAULT_NOISE = 0.1;
/** Relative noise of healthy baseline metrics. */
export const BASE_NOISE = 0.03;
/** Calls time out here: latency that adds up along a path never exceeds it. */
export const TIMEOUT_SECONDS = 30;

export type Metrics = Record<string, number>;

export type CompiledFault = {
  service: string;
  startMs: number;
  /** When the fault stops driving its metrics (its own duration, a stop, a fix; Infinity until then). */
  endMs: number;
  recoveryMs: number;
  rampMs: number;
  metrics: (MetricPattern & { key: number })[];
  fixedBy: string[];
};

/** Something that changed the world at a moment of world time: a stop, a clear, a remediation. */
export type Intervention = { atMs: number; action: string; service?: string | null };

/** Turns a scenario into faults on the world's clock (ms since the run started), interventions applied. */
export function compileFaults(scenario: Scenario, interventions: Intervention[] = []): CompiledFault[] {
  const scenarioEnd = scenario.duration_seconds * 1000;
  // A fault scripted to last until the scenario ends persists after it (until fixed, stopped or
  // cleared), unless the scenario declares that it heals by itself.
  const untilFixed = scenario.self_heals ? scenarioEnd : Infinity;
  return allFaults(scenario).map((f) => {
    const startMs = f.start_offset_seconds * 1000;
    let endMs = f.duration_seconds !== undefined ? Math.min(scenarioEnd, startMs + f.duration_seconds * 1000) : untilFixed;
    for (const i of interventions) {
      const everything = i.action === "stop" || (i.action === "clear" && !i.service);
      const onService = !i.service || i.service === f.service;
      const heals = everything || (onService && (i.action === "clear" || f.fixed_by.includes(i.action)));
      // A stop ends every fault, even those not started yet; a fix heals what is running when applied.
      if (heals && (everything || (i.atMs >= startMs && i.atMs < endMs))) endMs = Math.min(endMs, i.atMs);
    }
    return {
      service: f.service,
      startMs,
      endMs,
      recoveryMs: f.recovery_seconds * 1000,
      rampMs: (f.duration_seconds ?? scenario.duration_seconds - f.start_offset_seconds) * 1000,
      metrics: f.metrics.map((m) => ({ ...m, key: keyHash(`${f.service}:${m.name}`) })),
      fixedBy: f.fixed_by,
    };
  });
}

type Node = {
  spec: ServiceSpec;
  index: number;
  base: Metrics;
  baseKeys: { name: string; key: number; noisy: boolean }[];
  faults: CompiledFault[];
  deps: Node[];
  callers: Node[];
  cacheDeps: Node[];
  /** Whether any fault can reach this service's load (through callers or a failed cache). */
  loadTouched: boolean;
  /** Whether anything at all can move this service off its baseline; if not, only noise is computed. */
  touched: boolean;
};

/**
 * A simulated world: a topology, the faults driving it and a seed. Every value is a pure function
 * of world time, so a run is reproducible, a chart can be redrawn from the run's record, and the
 * tick only needs the current moment. Cascades look at dependencies a delay earlier.
 */
export class World {
  private readonly nodes: Node[];
  private readonly byName: Map<string, Node>;
  private memo = new Map<string, Metrics>();
  private loadMemo = new Map<string, number>();
  private ownMemo = new Map<string, { m: Metrics; explicit: Set<string> }>();

  constructor(
    readonly topology: Topology,
    readonly faults: CompiledFault[],
    readonly seed: number,
  ) {
    this.nodes = topology.services.map((spec, index) => {
      const base = baselineMetrics(spec);
      const own = faults.filter((f) => f.service === spec.name).sort((a, b) => a.startMs - b.startMs);
      // Metrics a scenario brings that the service does not track sit at the scenario's baseline.
      for (const f of own) for (const m of f.metrics) if (!(m.name in base)) base[m.name] = m.baseline;
      return {
        spec,
        index,
        base,
        baseKeys: Object.keys(base).map((name) => ({ name, key: keyHash(`${spec.name}:${name}`), noisy: !integerMetrics.has(name) })),
        faults: own,
        deps: [],
        callers: [],
        cacheDeps: [],
        loadTouched: false,
        touched: false,
      };
    });
    this.byName = new Map(this.nodes.map((n) => [n.spec.name, n]));
    for (const n of this.nodes) {
      n.deps = n.spec.depends_on.map((d) => this.byName.get(d)).filter((x): x is Node => !!x);
      n.cacheDeps = n.deps.filter((d) => d.spec.kind === "cache");
      for (const d of n.deps) d.callers.push(n);
    }
    const loadMemo = new Map<Node, boolean>();
    const loadTouched = (n: Node): boolean => {
      const known = loadMemo.get(n);
      if (known !== undefined) return known;
      loadMemo.set(n, false);
      const v =
        n.faults.some((f) => f.metrics.some((m) => m.name === "http_requests_per_second")) ||
        n.callers.some((c) => loadTouched(c) || c.cacheDeps.some((k) => k !== n && k.faults.length > 0));
      loadMemo.set(n, v);
      return v;
    };
    const touchedMemo = new Map<Node, boolean>();
    const touched = (n: Node): boolean => {
      const known = touchedMemo.get(n);
      if (known !== undefined) return known;
      touchedMemo.set(n, false);
      const v = n.faults.length > 0 || loadTouched(n) || n.deps.some(touched);
      touchedMemo.set(n, v);
      return v;
    };
    for (const n of this.nodes) {
      n.loadTouched = loadTouched(n);
      n.touched = touched(n);
    }
  }

  services(): string[] {
    return this.nodes.map((n) => n.spec.name);
  }

  spec(name: string): ServiceSpec | undefined {
    return this.byName.get(name)?.spec;
  }

  baseline(name: string): Metrics {
    return { ...(this.byName.get(name)?.base ?? {}) };
  }

  /** Every service's metrics at world time `t` (ms since the run started). */
  snapshot(t: number): Record<string, Metrics> {
    this.forget();
    const out: Record<string, Metrics> = {};
    for (const n of this.nodes) out[n.spec.name] = this.metricsOf(n, t);
    return out;
  }

  /** One service's metrics at world time `t`. */
  metricsAt(service: string, t: number): Metrics | undefined {
    const n = this.byName.get(service);
    if (this.memo.size > 10_000) this.forget();
    return n ? { ...this.metricsOf(n, t) } : undefined;
  }

  private forget(): void {
    this.memo.clear();
    this.loadMemo.clear();
    this.ownMemo.clear();
  }

  /** Faults active (or recovering) at `t`. */
  activeFaults(t: number): CompiledFault[] {
    return this.faults.filter((f) => f.endMs > f.startMs && t >= f.startMs && t < f.endMs + f.recoveryMs);
  }

  private noisyBase(n: Node, t: number): Metrics {
    const bucket = Math.floor(t / NOISE_BUCKET_MS);
    const out: Metrics = {};
    for (const { name, key, noisy } of n.baseKeys) {
      const b = n.base[name];
      out[name] = noisy && b !== 0 ? Math.max(0, b * (1 + BASE_NOISE * gaussian(this.seed, key, bucket))) : b;
    }
    return out;
  }

  /** The service's own metrics (baseline and its faults), without anything from its neighbours. */
  private own(n: Node, t: number): { m: Metrics; explicit: Set<string> } {
    const memoKey = `${n.index}@${t}`;
    const cached = this.ownMemo.get(memoKey);
    if (cached) return { m: { ...cached.m }, explicit: cached.explicit };
    const m = this.noisyBase(n, t);
    const explicit = new Set<string>();
    const bucket = Math.floor(t / NOISE_BUCKET_MS);
    for (const f of n.faults) {
      if (f.endMs <= f.startMs || t < f.startMs || t >= f.endMs + f.recoveryMs) continue;
      for (const p of f.metrics) {
        let level: number;
        if (t < f.endMs) {
          level = patternLevel(p.pattern, p, t - f.startMs, p.ramp_seconds ? p.ramp_seconds * 1000 : f.rampMs, (p.period_seconds ?? 0) * 1000);
          if (p.pattern !== "constant") level += impliedStd(p) * FAULT_NOISE * gaussian(this.seed, p.key, bucket);
        } else {
          // Recovering: a straight line from where the fault left the metric back to the baseline.
          const atEnd = patternLevel(p.pattern, p, f.endMs - f.startMs, p.ramp_seconds ? p.ramp_seconds * 1000 : f.rampMs, (p.period_seconds ?? 0) * 1000);
          const r = f.recoveryMs > 0 ? (t - f.endMs) / f.recoveryMs : 1;
          level = atEnd + ((m[p.name] ?? p.baseline) - atEnd) * r;
        }
        if (integerMetrics.has(p.name)) level = Math.round(level);
        m[p.name] = Math.max(0, p.name.endsWith("_percent") ? Math.min(100, level) : level);
        explicit.add(p.name);
      }
    }
    if (!explicit.has("error_rate_percent") && explicit.has("http_response_status_500_total") && m.http_requests_total > 0) {
      m.error_rate_percent = Math.min(100, (100 * m.http_response_status_500_total) / m.http_requests_total);
      explicit.add("error_rate_percent");
    }
    this.ownMemo.set(memoKey, { m: { ...m }, explicit });
    return { m, explicit };
  }

  /** Hit rate of a cache from its own state (a cache that is down hits nothing). */
  private cacheHitRate(k: Node, t: number): number {
    const { m } = this.own(k, t);
    if ((m.redis_up ?? 1) < 0.5) return 0;
    return m.cache_hit_rate_percent ?? 100;
  }

  /**
   * Load on a service relative to its baseline: its own traffic change, what its callers pass on
   * (a delay earlier), and the misses of a failed cache that protected it (×cache_load_factor).
   */
  private loadFactor(n: Node, t: number): number {
    if (!n.loadTouched) return 1;
    const memoKey = `${n.index}@${t}`;
    const cached = this.loadMemo.get(memoKey);
    if (cached !== undefined) return cached;
    const { m, explicit } = this.own(n, t);
    let factor = explicit.has("http_requests_per_second") && n.base.http_requests_per_second > 0 ? m.http_requests_per_second / n.base.http_requests_per_second : 1;
    const at = t - n.spec.cascade_delay_seconds * 1000;
    let inherited = 1;
    let miss = 1;
    for (const c of n.callers) {
      inherited = Math.max(inherited, this.loadFactor(c, at));
      if (n.spec.kind === "cache") continue;
      for (const k of c.cacheDeps) {
        const baseHit = k.base.cache_hit_rate_percent ?? 100;
        const hit = this.cacheHitRate(k, at);
        const lf = k.spec.cache_load_factor ?? 10;
        if (baseHit > 0 && hit < baseHit) miss = Math.max(miss, 1 + (lf - 1) * Math.min(1, (baseHit - hit) / baseHit));
      }
    }
    factor *= inherited * miss;
    this.loadMemo.set(memoKey, factor);
    return factor;
  }

  private metricsOf(n: Node, t: number): Metrics {
    const memoKey = `${n.index}@${t}`;
    const cached = this.memo.get(memoKey);
    if (cached) return cached;
    if (!n.touched) {
      const quiet = this.noisyBase(n, t);
      this.memo.set(memoKey, quiet);
      return quiet;
    }
    const { m, explicit } = this.own(n, t);
    const base = n.base;

    const load = this.loadFactor(n, t);
    if (load !== 1) {
      if (!explicit.has("http_requests_per_second")) m.http_requests_per_second *= load;
      if (!explicit.has("cpu_usage_percent") && load > 1) m.cpu_usage_percent = Math.min(99.5, m.cpu_usage_percent * Math.pow(load, 0.6));
    }
    // A saturated CPU queues requests: latency grows with the square of the overload.
    const cpu = m.cpu_usage_percent;
    if (cpu > 75 && !explicit.has("http_request_duration_seconds_p95")) {
      const slow = 1 + 4 * ((cpu - 75) / 25) ** 2;
      m.http_request_duration_seconds_p95 *= slow;
      if (!explicit.has("http_request_duration_seconds_p99")) m.http_request_duration_seconds_p99 *= slow;
    }

    // Cascade from dependencies, each seen a delay earlier: latency adds up, errors propagate.
    let addLatency = 0;
    let success = 1 - Math.min(100, m.error_rate_percent) / 100;
    for (const d of n.deps) {
      // Only degradation cascades, not a healthy neighbour's noise.
      if (!d.touched) continue;
      const dm = this.metricsOf(d, t - d.spec.cascade_delay_seconds * 1000);
      const db = d.base;
      addLatency += Math.max(0, dm.http_request_duration_seconds_p95 - db.http_request_duration_seconds_p95) * d.spec.latency_factor;
      const unreachable = (dm.pod_ready_count ?? 1) <= 0 || (dm.redis_up ?? 1) < 0.5;
      const depErr = unreachable ? 1 : Math.max(0, dm.error_rate_percent - db.error_rate_percent) / 100;
      success *= 1 - Math.min(1, depErr * d.spec.error_factor);
    }
    if (!explicit.has("http_request_duration_seconds_p95")) {
      m.http_request_duration_seconds_p95 = Math.min(TIMEOUT_SECONDS, m.http_request_duration_seconds_p95 + addLatency);
    }
    if (!explicit.has("http_request_duration_seconds_p99")) {
      m.http_request_duration_seconds_p99 = Math.min(TIMEOUT_SECONDS, m.http_request_duration_seconds_p99 + addLatency * 1.3);
    }
    if (!explicit.has("error_rate_percent")) m.error_rate_percent = Math.min(100, (1 - success) * 100);
    if (base.kafka_consumer_lag !== undefined && !explicit.has("kafka_consumer_lag") && load > 1) m.kafka_consumer_lag *= load;

    this.memo.set(memoKey, m);
    return m;
  }
}

/** A world for a scenario run. */
export function worldFor(topology: Topology, scenario: Scenario, seed: number, interventions: Intervention[] = []): World {
  return new World(topology, compileFaults(scenario, interventions), seed);
}
