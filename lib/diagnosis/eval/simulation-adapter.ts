import type { ActionType, DiagnosisCategory } from "../schema";
import { events as makeEvents, type EvalScenario } from "./scenarios";

/**
 * Turns the simulation catalog (lib/simulation/scenarios) into eval incidents shaped like the ones
 * the simulator opens: the root service's fault metrics in `metadata.metrics`, the scenario's context,
 * and health-check events worded like lib/simulation/health.ts. The scenario's name and description
 * are NOT given to the engine (the simulator does not put them in the incident text either).
 */
type Metric = { name: string; value: number; baseline: number; sigma?: number; pattern?: string; unit?: string };
type Fault = { service: string; metrics: Metric[] };
export type SimulationScenarioLike = {
  id: string;
  root_service: string;
  faults: Fault[];
  phases?: { faults: Fault[] }[];
  context?: Record<string, unknown>;
  expected_root_cause: string;
  expected_action_types?: string[];
};

/** The catalog's root-cause names → the knowledge base's causes and the category we expect. */
const expectations: Record<string, { causes: string[]; category: DiagnosisCategory; alsoAccepted?: DiagnosisCategory[] }> = {
  memory_leak: { causes: ["memory_leak"], category: "memory" },
  traffic_surge: { causes: ["traffic_surge"], category: "cpu/capacity" },
  database_performance: { causes: ["database_performance"], category: "database" },
  deployment_issue: { causes: ["deployment_issue"], category: "deployment" },
  external_dependency_failure: { causes: ["external_dependency_failure"], category: "dependency/external" },
  cache_failure: { causes: ["cache_failure"], category: "cache" },
  // A flag flipped minutes before a service started failing, with no other mechanism in the signals.
  payment_errors: { causes: ["bad_feature_flag", "internal_dependency_failure"], category: "configuration", alsoAccepted: ["dependency/external"] },
  service_failure: { causes: ["bad_feature_flag", "internal_dependency_failure"], category: "configuration", alsoAccepted: ["dependency/external"] },
  service_unreachable: { causes: ["bad_feature_flag", "deployment_issue", "internal_dependency_failure"], category: "configuration", alsoAccepted: ["deployment", "dependency/external"] },
  cpu_overload: { causes: ["cpu_saturation"], category: "cpu/capacity" },
  latency_spike: { causes: ["latency_degradation"], category: "latency" },
  queue_backlog: { causes: ["queue_backlog"], category: "queue/backlog" },
  gc_pressure: { causes: ["gc_pressure"], category: "memory" },
  rate_limited: { causes: ["upstream_rate_limit"], category: "dependency/external" },
  model_quality: { causes: ["llm_quality_regression"], category: "dependency/external" },
  memory_exhaustion: { causes: ["cache_memory_full"], category: "cache" },
  connection_exhaustion: { causes: ["connection_pool_exhaustion"], category: "database" },
  table_bloat: { causes: ["table_bloat"], category: "database" },
  disk_full: { causes: ["disk_full"], category: "disk" },
};

/** The causes a diagnosis may name for a catalog scenario's root cause (the name itself always counts). */
export function causesForRootCause(rootCause: string): string[] {
  return [...new Set([rootCause, ...(expectations[rootCause]?.causes ?? [])])];
}

/** Every cause the catalog's root causes map to, for a person picking one by hand. */
export function knownCauses(): string[] {
  return [...new Set([...Object.keys(expectations), ...Object.values(expectations).flatMap((e) => e.causes)])].sort();
}

const actionAliases: Record<string, ActionType> = {
  flag_toggle: "toggle_feature_flag",
  clear_redis_cache: "clear_cache",
  restart_redis: "restart",
  restart_postgres: "restart",
  kill_idle_connections: "kill_connections",
  vacuum_table: "vacuum",
  cleanup_old_logs: "cleanup_disk",
};

const round1 = (x: number) => Math.round(x * 10) / 10;

/** A health-check sentence for a fault's metrics, as the simulator's checks would word it. */
function healthDetail(service: string, metrics: Metric[]): string {
  const by = (re: RegExp) => metrics.find((m) => re.test(m.name));
  const redisUp = by(/^redis_up$/);
  if (redisUp && redisUp.value < 0.5) return "not responding (connection refused)";
  const redisMem = by(/redis_used_memory_bytes/);
  if (redisMem) return `used memory ${round1(redisMem.value / 1048576)} MB of 50 MB maxmemory`;
  const idle = by(/pg_connections_idle/);
  if (idle) return `${Math.round(idle.value)} of ${Math.round(by(/pg_connections_total/)?.value ?? 20)} connections idle`;
  const dead = by(/pg_dead_tuples/);
  if (dead) return `${Math.round(dead.value)} dead tuples for ${Math.round(by(/pg_live_tuples/)?.value ?? 0)} live`;
  const disk = by(/disk_used_percent/);
  if (disk) return `disk ${round1(disk.value)}% used`;
  const lag = by(/consumer_lag/);
  if (lag) return `consumer lag ${Math.round(lag.value)} messages`;
  const accuracy = by(/accuracy/);
  if (accuracy) return `answer accuracy ${round1(accuracy.value)}%`;
  const ready = by(/pod_ready_count/);
  if (ready) return `${ready.value}/${ready.baseline} pods ready`;
  const errors = by(/error_rate_percent/);
  if (errors) return `error rate ${round1(errors.value)}%`;
  const p95 = by(/p95/);
  if (p95) return `p95 latency ${p95.value < 1 ? `${Math.round(p95.value * 1000)} ms` : `${round1(p95.value)} s`} (SLO 500 ms)`;
  const cpu = by(/cpu_usage_percent/);
  const mem = by(/memory_usage_percent/);
  if (mem && (!cpu || mem.value > cpu.value)) return `memory at ${round1(mem.value)}%`;
  if (cpu) return `CPU at ${round1(cpu.value)}%`;
  return `${service} degraded`;
}

export function fromSimulationCatalog(scenarios: SimulationScenarioLike[]): EvalScenario[] {
  const out: EvalScenario[] = [];
  for (const s of scenarios) {
    const expected = expectations[s.expected_root_cause];
    if (!expected) continue;
    const faults = [...s.faults, ...(s.phases ?? []).flatMap((p) => p.faults)];
    const rootMetrics = faults.filter((f) => f.service === s.root_service).flatMap((f) => f.metrics);
    const rows: [string, string, string][] = faults.map((f) => [f.service, "ERROR", `${healthDetail(f.service, f.metrics)}; health 40% (threshold 70%)`]);
    if (rows.length === 0) rows.push([s.root_service, "ERROR", "health 40% (threshold 70%)"]);
    out.push({
      id: `sim:${s.id}`,
      source: "simulation",
      incident: {
        title: `${s.root_service}: ${rows.find((r) => r[0] === s.root_service)?.[2] ?? rows[0][2]}`,
        description: "",
        service: s.root_service,
        severity: "P2",
        metadata: { metrics: rootMetrics.map((m) => ({ ...m, service: s.root_service })), context: s.context ?? {} },
      },
      events: makeEvents(`sim-${s.id}`, rows),
      expected: {
        category: expected.category,
        alsoAccepted: expected.alsoAccepted,
        causes: expected.causes,
        actions: [...new Set((s.expected_action_types ?? []).map((a) => actionAliases[a] ?? (a as ActionType)))],
      },
    });
  }
  return out;
}
