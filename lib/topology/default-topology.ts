import { topologySchema, type ServiceKind, type ServiceSpec, type Topology } from "./schemas";

type Seed = Omit<ServiceSpec, "slo_p95_ms" | "replicas" | "cascade_delay_seconds" | "latency_factor" | "error_factor"> &
  Partial<Pick<ServiceSpec, "slo_p95_ms" | "replicas" | "cascade_delay_seconds" | "latency_factor" | "error_factor">>;

const svc = (name: string, team: string, tier: 1 | 2 | 3, kind: ServiceKind, depends_on: string[], extra: Partial<Seed> = {}): Seed => ({
  name,
  team,
  tier,
  kind,
  depends_on,
  ...extra,
});

/**
 * The OpenTelemetry Astronomy Shop (the demo microservice shop of the OpenTelemetry project), plus
 * the infrastructure the simulator's failure injections break (redis, postgresql, disk). Baselines
 * are per service.
 */
const astronomyShop: Seed[] = [
  svc("frontend", "Web", 1, "service", ["recommendation", "product-catalog", "ad", "cart", "checkout", "image-provider"], {
    slo_p95_ms: 800,
    replicas: 3,
    baseline: { cpu_usage_percent: 38, http_requests_per_second: 400, http_request_duration_seconds_p95: 0.25 },
  }),
  svc("image-provider", "Web", 3, "service", [], { slo_p95_ms: 300, baseline: { http_request_duration_seconds_p95: 0.08, http_requests_per_second: 900 } }),
  svc("recommendation", "Discovery", 2, "service", ["product-catalog", "redis"], {
    slo_p95_ms: 200,
    baseline: { http_request_duration_seconds_p95: 0.05, http_requests_per_second: 250 },
  }),
  svc("product-catalog", "Catalog", 1, "service", ["postgresql"], {
    slo_p95_ms: 300,
    replicas: 3,
    baseline: { http_request_duration_seconds_p95: 0.1, http_requests_per_second: 600, cpu_usage_percent: 22 },
  }),
  svc("ad", "Discovery", 3, "service", [], { slo_p95_ms: 300, baseline: { http_request_duration_seconds_p95: 0.04, cpu_usage_percent: 25 } }),
  svc("cart", "Checkout", 1, "service", ["valkey"], { slo_p95_ms: 250, replicas: 3, baseline: { http_request_duration_seconds_p95: 0.03 } }),
  svc("checkout", "Checkout", 1, "service", ["cart", "currency", "email", "payment", "product-catalog", "shipping", "kafka"], {
    slo_p95_ms: 2000,
    replicas: 3,
    baseline: { http_request_duration_seconds_p95: 0.6, http_requests_per_second: 40 },
  }),
  svc("currency", "Checkout", 2, "service", [], { slo_p95_ms: 100, baseline: { http_request_duration_seconds_p95: 0.01 } }),
  svc("email", "Checkout", 3, "service", [], {
    slo_p95_ms: 1000,
    replicas: 1,
    baseline: { http_request_duration_seconds_p95: 0.15, memory_usage_percent: 40, memory_usage_bytes: 858_993_459 },
  }),
  // AIRRA's five scenarios (lib/simulation/scenarios/airra.ts) ran on its payment-service; here that is the shop's payment service.
  svc("payment", "Payments", 1, "service", [], {
    slo_p95_ms: 1000,
    replicas: 3,
    baseline: { http_request_duration_seconds_p95: 0.3, http_requests_per_second: 800, cpu_usage_percent: 45, memory_usage_percent: 25, memory_usage_bytes: 2_147_483_648 },
  }),
  svc("shipping", "Checkout", 2, "service", ["quote"], { slo_p95_ms: 400, baseline: { http_request_duration_seconds_p95: 0.05 } }),
  svc("quote", "Checkout", 3, "service", [], { slo_p95_ms: 200, baseline: { http_request_duration_seconds_p95: 0.02 } }),
  svc("kafka", "Data", 2, "queue", [], { slo_p95_ms: 200, replicas: 3, baseline: { http_request_duration_seconds_p95: 0.01 } }),
  svc("accounting", "Data", 2, "service", ["postgresql", "kafka"], { slo_p95_ms: 1000, baseline: { http_request_duration_seconds_p95: 0.05 } }),
  svc("fraud-detection", "Data", 2, "service", ["kafka"], { slo_p95_ms: 1000, baseline: { http_request_duration_seconds_p95: 0.08 } }),
  svc("product-reviews", "Discovery", 3, "service", ["product-catalog", "llm", "postgresql"], {
    slo_p95_ms: 3000,
    baseline: { http_request_duration_seconds_p95: 1.2 },
  }),
  svc("llm", "Discovery", 3, "external", [], { slo_p95_ms: 4000, error_factor: 0.5, baseline: { http_request_duration_seconds_p95: 1.0 } }),
  svc("redis", "Platform", 2, "cache", [], { slo_p95_ms: 50, replicas: 1, cache_load_factor: 10, baseline: { http_request_duration_seconds_p95: 0.002 } }),
  svc("valkey", "Platform", 2, "cache", [], { slo_p95_ms: 50, replicas: 1, cache_load_factor: 10, baseline: { http_request_duration_seconds_p95: 0.002 } }),
  svc("postgresql", "Platform", 1, "database", [], { slo_p95_ms: 100, replicas: 1, baseline: { http_request_duration_seconds_p95: 0.02 } }),
  svc("disk", "Platform", 3, "storage", [], { slo_p95_ms: 100, replicas: 1 }),
];

/** A fresh copy of the default topology, validated (defaults filled in). */
export function defaultTopology(): Topology {
  return topologySchema.parse({ services: structuredClone(astronomyShop) });
}
