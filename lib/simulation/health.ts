import type { Metrics } from "./world";
import type { ServiceSpec } from "@/lib/topology";

/** Below this health (in %) a check emits error events into intake. */
export const DEFAULT_HEALTH_THRESHOLD = 70;

const round1 = (x: number) => Math.round(x * 10) / 10;
const clamp = (x: number) => Math.max(0, Math.min(100, x));

// The incident-management simulator's health formulas, exactly.
/** Redis: 100 − used memory / maxmemory × 100. */
export function redisHealth(usedBytes: number, maxBytes: number): number {
  if (maxBytes <= 0) return 0;
  return clamp(100 - (usedBytes / maxBytes) * 100);
}
/** Postgres connections: 100 − idle / total × 100. */
export function postgresConnectionsHealth(idle: number, total: number): number {
  if (total <= 0) return 100;
  return clamp(100 - (idle / total) * 100);
}
/** Postgres bloat: 100 / (1 + dead / live). */
export function postgresBloatHealth(dead: number, live: number): number {
  if (live <= 0) return dead > 0 ? 0 : 100;
  return clamp(100 / (1 + dead / live));
}
/** Disk: 100 − used %. */
export function diskHealth(usedPercent: number): number {
  return clamp(100 - usedPercent);
}

/**
 * A service, from its signals against its objectives; the weakest one decides:
 * errors (each 1 % of errors costs 4 points), latency (100 × SLO / p95 above the SLO),
 * saturation (CPU or memory above 75 % costs 4 points per %), availability (ready / desired pods).
 */
export function serviceHealthParts(m: Metrics, spec: Pick<ServiceSpec, "slo_p95_ms" | "replicas">) {
  const errors = clamp(100 - (m.error_rate_percent ?? 0) * 4);
  const p95ms = (m.http_request_duration_seconds_p95 ?? 0) * 1000;
  const latency = p95ms <= spec.slo_p95_ms ? 100 : clamp((100 * spec.slo_p95_ms) / p95ms);
  const sat = Math.max(m.cpu_usage_percent ?? 0, m.memory_usage_percent ?? 0);
  const saturation = sat <= 75 ? 100 : clamp(100 - (sat - 75) * 4);
  const availability = m.pod_ready_count !== undefined && spec.replicas > 0 ? clamp((100 * m.pod_ready_count) / spec.replicas) : 100;
  return { errors, latency, saturation, availability };
}

export function serviceHealth(m: Metrics, spec: Pick<ServiceSpec, "slo_p95_ms" | "replicas">): number {
  const p = serviceHealthParts(m, spec);
  return Math.min(p.errors, p.latency, p.saturation, p.availability);
}

/** Queue: 100 / (1 + lag / 1000): a thousand messages behind halves the health. */
export function queueHealth(lag: number): number {
  return clamp(100 / (1 + Math.max(0, lag) / 1000));
}

export type HealthCheck = {
  /** What the strip shows and events are grouped by (a service, or e.g. postgresql-bloat). */
  system: string;
  service: string;
  check: "service" | "redis" | "postgres_connections" | "postgres_bloat" | "disk" | "queue" | "quality";
  health: number;
  /** A sentence naming the signal that decides the health. */
  detail: string;
};

const pct = (x: number) => `${round1(x)}%`;
const secs = (x: number) => (x < 1 ? `${Math.round(x * 1000)} ms` : `${round1(x)} s`);
const mb = (x: number) => `${round1(x / 1024 / 1024)} MB`;

function serviceCheck(spec: ServiceSpec, m: Metrics): HealthCheck {
  const p = serviceHealthParts(m, spec);
  const worst = (Object.entries(p) as [keyof typeof p, number][]).sort((a, b) => a[1] - b[1])[0];
  const detail = {
    errors: `error rate ${pct(m.error_rate_percent ?? 0)}`,
    latency: `p95 latency ${secs(m.http_request_duration_seconds_p95 ?? 0)} (SLO ${secs(spec.slo_p95_ms / 1000)})`,
    saturation: (m.memory_usage_percent ?? 0) > (m.cpu_usage_percent ?? 0) ? `memory at ${pct(m.memory_usage_percent ?? 0)}` : `CPU at ${pct(m.cpu_usage_percent ?? 0)}`,
    availability: `${m.pod_ready_count ?? 0}/${spec.replicas} pods ready`,
  }[worst[0]];
  return { system: spec.name, service: spec.name, check: "service", health: round1(worst[1]), detail };
}

/** The health checks of one service's metrics (most services have one; postgresql has two). */
export function checksFor(spec: ServiceSpec, m: Metrics): HealthCheck[] {
  const svc = serviceCheck(spec, m);
  switch (spec.kind) {
    case "cache": {
      const up = (m.redis_up ?? 1) >= 0.5;
      const mem = redisHealth(m.redis_used_memory_bytes ?? 0, m.redis_maxmemory_bytes ?? 1);
      if (!up) return [{ system: spec.name, service: spec.name, check: "redis", health: 0, detail: "not responding (connection refused)" }];
      if (mem < svc.health) {
        return [{ system: spec.name, service: spec.name, check: "redis", health: round1(mem), detail: `used memory ${mb(m.redis_used_memory_bytes ?? 0)} of ${mb(m.redis_maxmemory_bytes ?? 0)} maxmemory` }];
      }
      return [svc];
    }
    case "database": {
      const conn = postgresConnectionsHealth(m.pg_connections_idle ?? 0, m.pg_connections_total ?? 0);
      const bloat = postgresBloatHealth(m.pg_dead_tuples ?? 0, m.pg_live_tuples ?? 0);
      const main: HealthCheck =
        conn < svc.health
          ? { system: spec.name, service: spec.name, check: "postgres_connections", health: round1(conn), detail: `${Math.round(m.pg_connections_idle ?? 0)} of ${Math.round(m.pg_connections_total ?? 0)} connections idle` }
          : svc;
      return [
        main,
        {
          system: `${spec.name}-bloat`,
          service: spec.name,
          check: "postgres_bloat",
          health: round1(bloat),
          detail: `${Math.round(m.pg_dead_tuples ?? 0)} dead tuples for ${Math.round(m.pg_live_tuples ?? 0)} live`,
        },
      ];
    }
    case "storage":
      return [{ system: spec.name, service: spec.name, check: "disk", health: round1(diskHealth(m.disk_used_percent ?? 0)), detail: `disk ${pct(m.disk_used_percent ?? 0)} used` }];
    case "queue": {
      const q = queueHealth(m.kafka_consumer_lag ?? 0);
      if (q < svc.health) return [{ system: spec.name, service: spec.name, check: "queue", health: round1(q), detail: `consumer lag ${Math.round(m.kafka_consumer_lag ?? 0)} messages` }];
      return [svc];
    }
    case "external": {
      const baseAcc = spec.baseline?.llm_answer_accuracy_percent ?? 95;
      if (m.llm_answer_accuracy_percent !== undefined) {
        const q = clamp((100 * m.llm_answer_accuracy_percent) / baseAcc);
        if (q < svc.health) return [{ system: spec.name, service: spec.name, check: "quality", health: round1(q), detail: `answer accuracy ${pct(m.llm_answer_accuracy_percent)}` }];
      }
      return [svc];
    }
    default:
      if (m.kafka_consumer_lag !== undefined) {
        const q = queueHealth(m.kafka_consumer_lag);
        if (q < svc.health) return [{ ...svc, check: "queue", health: round1(q), detail: `consumer lag ${Math.round(m.kafka_consumer_lag)} messages` }];
      }
      return [svc];
  }
}

/** All checks of a world snapshot, in topology order. */
export function healthChecks(services: ServiceSpec[], snapshot: Record<string, Metrics>): HealthCheck[] {
  const out: HealthCheck[] = [];
  for (const s of services) {
    const m = snapshot[s.name];
    if (m) out.push(...checksFor(s, m));
  }
  return out;
}
