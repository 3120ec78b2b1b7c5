import type { ServiceKind, ServiceSpec } from "@/lib/topology";

/** Units of the metrics the world knows; scenario metrics may bring their own. */
export const metricUnits: Record<string, string> = {
  cpu_usage_percent: "%",
  memory_usage_percent: "%",
  memory_usage_bytes: "bytes",
  http_request_duration_seconds_p95: "s",
  http_request_duration_seconds_p99: "s",
  http_requests_per_second: "req/s",
  http_requests_total: "req/s",
  error_rate_percent: "%",
  pod_restarts_total: "count",
  pod_ready_count: "pods",
  db_connections_active: "count",
  kafka_consumer_lag: "messages",
  redis_used_memory_bytes: "bytes",
  redis_maxmemory_bytes: "bytes",
  redis_up: "bool",
  cache_hit_rate_percent: "%",
  pg_connections_total: "count",
  pg_connections_idle: "count",
  pg_connections_max: "count",
  pg_dead_tuples: "rows",
  pg_live_tuples: "rows",
  disk_used_percent: "%",
  disk_total_bytes: "bytes",
  llm_answer_accuracy_percent: "%",
};

/** Metrics that are counts: never noisy, always whole. */
export const integerMetrics = new Set([
  "pod_restarts_total",
  "pod_ready_count",
  "pg_connections_total",
  "pg_connections_idle",
  "pg_connections_max",
  "pg_dead_tuples",
  "pg_live_tuples",
  "redis_up",
  "redis_maxmemory_bytes",
  "disk_total_bytes",
]);

export function unitOf(metric: string): string {
  if (metricUnits[metric]) return metricUnits[metric];
  if (metric.endsWith("_percent")) return "%";
  if (metric.endsWith("_bytes")) return "bytes";
  if (metric.endsWith("_seconds") || metric.includes("_seconds_")) return "s";
  return "";
}

const MB = 1024 * 1024;

/** Baseline metrics of a service: the common ones, those of its kind, then its own overrides. */
export function baselineMetrics(spec: ServiceSpec): Record<string, number> {
  const common: Record<string, number> = {
    cpu_usage_percent: 30,
    memory_usage_percent: 45,
    memory_usage_bytes: 966_367_641,
    http_request_duration_seconds_p95: Math.min(spec.slo_p95_ms / 1000, 1) * 0.25,
    http_requests_per_second: 200,
    error_rate_percent: 0.2,
    pod_restarts_total: 0,
    pod_ready_count: spec.replicas,
  };
  const byKind: Partial<Record<ServiceKind, Record<string, number>>> = {
    cache: { redis_used_memory_bytes: 5 * MB, redis_maxmemory_bytes: 50 * MB, redis_up: 1, cache_hit_rate_percent: 95 },
    database: { pg_connections_total: 8, pg_connections_idle: 1, pg_connections_max: 20, pg_dead_tuples: 50, pg_live_tuples: 10_000 },
    storage: { disk_used_percent: 20, disk_total_bytes: 20 * 1024 * MB },
    queue: { kafka_consumer_lag: 20 },
    external: { llm_answer_accuracy_percent: 95 },
  };
  const base = { ...common, ...(byKind[spec.kind] ?? {}), ...(spec.baseline ?? {}) };
  if (spec.baseline?.http_request_duration_seconds_p99 === undefined) {
    base.http_request_duration_seconds_p99 = base.http_request_duration_seconds_p95 * 1.6;
  }
  return base;
}
