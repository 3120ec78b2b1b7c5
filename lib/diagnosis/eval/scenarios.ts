import type { ActionType, DiagnosisCategory } from "../schema";
import type { DependencyMap } from "@/lib/topology";
import type { SignalEvent } from "../signals";

/**
 * Built-in incidents for the evaluation: the reference scenarios (AIRRA's five, see lib/simulation/scenarios/airra.ts; the Astronomy Shop
 * cascades, the Incident Management Simulator's health-check failures), each with the signals a
 * real system would emit and the expected answer. Metrics are the figures those sources publish.
 */
export type EvalScenario = {
  id: string;
  source: "airra" | "cascade" | "ims" | "simulation";
  incident: {
    title: string;
    description: string;
    service: string;
    severity: "P0" | "P1" | "P2" | "P3";
    affectedSystems?: string[];
    metadata: Record<string, unknown>;
  };
  events: SignalEvent[];
  /** The workspace's service graph when the incident needs one (else the default topology). */
  topology?: DependencyMap;
  expected: { category: DiagnosisCategory; alsoAccepted?: DiagnosisCategory[]; causes: string[]; actions: ActionType[] };
};

const BASE = Date.UTC(2026, 10, 20, 14, 0, 0);

/** Deterministic events: ids and timestamps depend only on the scenario and position. */
export function events(id: string, rows: [service: string, level: string, message: string][]): SignalEvent[] {
  return rows.map(([service, level, message], i) => ({
    id: `${id}-ev${String(i + 1).padStart(2, "0")}`,
    service,
    level,
    message,
    timestamp: new Date(BASE - i * 20_000).toISOString(),
  }));
}

function m(name: string, value: number, baseline: number, sigma: number, pattern: string, unit?: string) {
  return { name, value, baseline, sigma, pattern, ...(unit ? { unit } : {}) };
}

export const builtInScenarios: EvalScenario[] = [
  // ── AIRRA ──────────────────────────────────────────────────────────────────────────────────
  {
    id: "memory_leak_gradual",
    source: "airra",
    incident: {
      title: "payment-service memory usage critical",
      description: "Memory alerts firing on payment-service pods.",
      service: "payment-service",
      severity: "P1",
      metadata: {
        metrics: [
          m("memory_usage_bytes", 8589934592, 2147483648, 5.2, "linear", "bytes"),
          m("memory_usage_percent", 95, 25, 5.0, "linear", "%"),
          m("heap_allocations_total", 15_000_000, 2_000_000, 4.8, "linear"),
          m("garbage_collections_total", 5000, 500, 4.5, "linear"),
        ],
        context: {
          recent_deploys: [{ version: "v2.3.1", minutes_ago: 360, description: "Added Redis connection pooling" }],
          pods: 3,
        },
      },
    },
    events: events("memory_leak_gradual", [
      ["payment-service", "WARNING", "Heap usage at 91% of max (7.8GiB/8GiB) after full GC"],
      ["payment-service", "ERROR", "java.lang.OutOfMemoryError: Java heap space at io.lettuce.core.RedisClient.connect"],
      ["payment-service", "CRITICAL", "Container payment-service-7d9f8-abcde OOMKilled (exit code 137)"],
    ]),
    expected: { category: "memory", causes: ["memory_leak"], actions: ["restart", "scale"] },
  },
  {
    id: "cpu_spike_traffic_surge",
    source: "airra",
    incident: {
      title: "payment-service CPU saturated, latency climbing",
      description: "CPU at 98% on all pods; request queueing.",
      service: "payment-service",
      severity: "P1",
      metadata: {
        metrics: [
          m("cpu_usage_percent", 98.5, 45, 6.0, "spike", "%"),
          m("http_requests_per_second", 3500, 800, 5.5, "spike", "req/s"),
          m("http_request_duration_seconds_p95", 4.2, 0.3, 5.0, "spike", "s"),
          m("thread_pool_queue_size", 450, 5, 4.8, "spike"),
        ],
        context: { marketing_campaign: "Black Friday email campaign launched 15 minutes ago", autoscaling: "disabled" },
      },
    },
    events: events("cpu_spike_traffic_surge", [
      ["payment-service", "ERROR", "java.util.concurrent.RejectedExecutionException: Thread pool is exhausted (active: 200, queued: 450)"],
      ["payment-service", "WARNING", "Request processing took 4210ms (SLO 500ms)"],
    ]),
    expected: { category: "cpu/capacity", causes: ["traffic_surge"], actions: ["scale", "rate_limit"] },
  },
  {
    id: "latency_spike_database",
    source: "airra",
    incident: {
      title: "payment-service p95 latency 8.5s",
      description: "API latency alert firing for payment-service.",
      service: "payment-service",
      severity: "P1",
      metadata: {
        metrics: [
          m("http_request_duration_seconds_p95", 8.5, 0.4, 6.5, "step", "s"),
          m("http_request_duration_seconds_p99", 12.3, 0.8, 6.8, "step", "s"),
          m("database_query_duration_seconds", 7.2, 0.05, 7.0, "step", "s"),
          m("database_connections_active", 98, 15, 5.5, "step"),
          m("http_requests_total", 450, 800, -4.2, "step"),
        ],
        context: {
          recent_deploys: [{ version: "v2.4.0", minutes_ago: 120, description: "New complex JOIN queries for order history" }],
          database: "PostgreSQL 14.5, pool size 100",
        },
      },
    },
    events: events("latency_spike_database", [
      ["payment-service", "WARNING", "duration: 7212.4 ms  statement: SELECT o.*, i.* FROM orders o JOIN order_items i ON ... WHERE o.customer_id = $1"],
      ["payment-service", "ERROR", "HikariPool-1 - Connection is not available, request timed out after 30000ms"],
    ]),
    expected: { category: "database", causes: ["database_performance"], actions: ["database_optimization", "connection_pool_tuning"] },
  },
  {
    id: "pod_crash_loop",
    source: "airra",
    incident: {
      title: "payment-service pods not ready",
      description: "Only 1 of 3 payment-service pods is ready; throughput collapsed.",
      service: "payment-service",
      severity: "P1",
      metadata: {
        metrics: [
          m("pod_restarts_total", 45, 0, 8.0, "linear"),
          m("pod_ready_count", 1, 3, -5.5, "step"),
          m("http_requests_total", 50, 800, -6.0, "step"),
          m("http_request_duration_seconds_p95", 15.0, 0.3, 5.5, "oscillating", "s"),
        ],
        context: { recent_deploys: [{ version: "v2.5.0", minutes_ago: 20, description: "Payment provider SDK upgrade" }] },
      },
    },
    events: events("pod_crash_loop", [
      ["payment-service", "ERROR", "Back-off restarting failed container payment-service in pod payment-service-6c8f-xk2p"],
      ["payment-service", "ERROR", "Error: Cannot find module '@payments/sdk/v3/client' imported from /app/dist/server.js"],
      ["payment-service", "ERROR", "Readiness probe failed: Get \"http://10.1.4.7:8080/ready\": connection refused"],
    ]),
    expected: { category: "deployment", causes: ["deployment_issue"], actions: ["rollback", "restart"] },
  },
  {
    id: "dependency_failure_timeout",
    source: "airra",
    incident: {
      title: "payment-service returning 500s",
      description: "Charges failing for most customers.",
      service: "payment-service",
      severity: "P1",
      metadata: {
        metrics: [
          m("http_requests_total", 1500, 800, 4.5, "spike"),
          m("http_response_status_500_total", 850, 5, 7.5, "spike"),
          m("external_api_call_duration_seconds", 30, 0.5, 8.0, "step", "s"),
          m("external_api_errors_total", 720, 2, 7.8, "spike"),
          m("circuit_breaker_open", 1, 0, 5.0, "step"),
        ],
        context: { external_dependency: "Stripe API, client timeout 30s" },
      },
    },
    events: events("dependency_failure_timeout", [
      ["payment-service", "ERROR", "POST https://api.stripe.com/v1/charges failed: ReadTimeout after 30000ms"],
      ["payment-service", "ERROR", "CircuitBreaker 'stripe' is OPEN and does not permit further calls"],
    ]),
    expected: { category: "dependency/external", causes: ["external_dependency_failure"], actions: ["circuit_breaker", "fallback", "alert"] },
  },
  // ── Astronomy Shop cascades ────────────────────────────────────────────────────────────────
  {
    id: "cascade_cache_failure",
    source: "cascade",
    incident: {
      title: "recommendation p95 latency 500ms",
      description: "Recommendations slow; product-catalog load up sharply.",
      service: "recommendation",
      severity: "P2",
      metadata: {
        metrics: [
          m("recommendation_latency_p95_ms", 500, 50, 6, "step", "ms"),
          m("cache_hit_ratio", 0.02, 0.93, -7, "step"),
          m("product_catalog_requests_per_second", 1200, 120, 6.5, "step", "req/s"),
        ],
      },
    },
    events: events("cascade_cache_failure", [
      ["recommendation", "ERROR", "redis.exceptions.ConnectionError: Error 111 connecting to redis:6379. Connection refused."],
      ["recommendation", "WARNING", "cache miss for product list, falling back to product-catalog"],
    ]),
    expected: { category: "cache", causes: ["cache_failure"], actions: ["restart", "rate_limit"] },
  },
  {
    id: "cascade_payment_failure",
    source: "cascade",
    incident: {
      title: "checkout orders failing (~50%)",
      description: "Half of PlaceOrder calls fail.",
      service: "checkout",
      severity: "P1",
      metadata: { metrics: [m("checkout_place_order_errors_total", 410, 3, 7, "step")] },
    },
    events: events("cascade_payment_failure", [
      ["checkout", "ERROR", "failed to charge card: could not charge the card: rpc error: code = Unknown desc = Payment request failed. Invalid token. app.loyalty.level=gold"],
      ["payment", "ERROR", "Payment request failed. Invalid token. app.loyalty.level=gold"],
      ["checkout", "ERROR", "PlaceOrder failed: payment: rpc error: code = Unknown desc = Payment request failed"],
      ["payment", "ERROR", "charge failed for transaction 9f3a: Invalid token"],
    ]),
    expected: { category: "dependency/external", causes: ["internal_dependency_failure"], actions: ["restart", "circuit_breaker"] },
  },
  {
    id: "cascade_high_cpu",
    source: "cascade",
    incident: {
      title: "ad service CPU high",
      description: "ad pods pegged at high CPU, ads slow to render.",
      service: "ad",
      severity: "P3",
      metadata: {
        metrics: [
          m("container_cpu_usage_percent", 97, 22, 8, "step", "%"),
          m("ad_request_latency_p95_ms", 900, 80, 6, "step", "ms"),
          m("ad_requests_per_second", 105, 100, 0.3, "flat", "req/s"),
        ],
      },
    },
    events: events("cascade_high_cpu", [["ad", "WARNING", "CPU throttling detected for container ad: throttled for 62% of periods"]]),
    expected: { category: "cpu/capacity", causes: ["cpu_saturation"], actions: ["scale"] },
  },
  {
    id: "cascade_memory_leak",
    source: "cascade",
    incident: {
      title: "email service restarting",
      description: "email pods restart every few minutes; confirmation emails delayed.",
      service: "email",
      severity: "P2",
      metadata: {
        metrics: [
          m("container_memory_working_set_bytes", 480_000_000, 90_000_000, 7, "linear", "bytes"),
          m("container_restarts_total", 6, 0, 4, "step"),
        ],
      },
    },
    events: events("cascade_memory_leak", [
      ["email", "CRITICAL", "Container email OOMKilled: memory limit 512Mi exceeded (exit code 137)"],
      ["email", "WARNING", "Ruby process RSS growing: 471MB"],
    ]),
    expected: { category: "memory", causes: ["memory_leak"], actions: ["restart"] },
  },
  {
    id: "cascade_latency_spike",
    source: "cascade",
    incident: {
      title: "image-provider slow: product images loading slowly",
      description: "Frontend product pages wait on images.",
      service: "image-provider",
      severity: "P3",
      metadata: {
        metrics: [m("image_provider_response_time_p95_ms", 5200, 40, 9, "step", "ms"), m("frontend_page_load_time_p95_ms", 6100, 900, 6, "step", "ms")],
      },
    },
    events: events("cascade_latency_spike", [
      ["image-provider", "WARNING", "request GET /images/telescope-01.jpg took 5134 ms"],
      ["frontend", "WARNING", "slow image load for product OLJCESPC7Z: 5.2s"],
    ]),
    expected: { category: "latency", causes: ["latency_degradation"], actions: ["investigate", "scale"] },
  },
  {
    id: "cascade_kafka_lag",
    source: "cascade",
    incident: {
      title: "accounting and fraud-detection consumers lagging",
      description: "Order events processed late.",
      service: "kafka",
      severity: "P2",
      affectedSystems: ["accounting", "fraud-detection"],
      metadata: {
        metrics: [
          m("kafka_consumergroup_lag", 180_000, 200, 9, "linear"),
          m("messages_consumed_per_second", 40, 900, -6, "step", "msg/s"),
        ],
      },
    },
    events: events("cascade_kafka_lag", [
      ["fraud-detection", "WARNING", "Consumer group fraud-detection offset lag 92,311 on topic orders"],
      ["accounting", "ERROR", "CommitFailedException: Commit cannot be completed since the group has already rebalanced"],
    ]),
    expected: { category: "queue/backlog", causes: ["queue_backlog"], actions: ["scale", "restart"] },
  },
  {
    id: "cascade_catalog_failure",
    source: "cascade",
    incident: {
      title: "frontend errors on product pages",
      description: "Product pages return errors for some products.",
      service: "frontend",
      severity: "P1",
      metadata: { metrics: [m("frontend_http_5xx_total", 320, 4, 7, "step")] },
    },
    events: events("cascade_catalog_failure", [
      ["frontend", "ERROR", "failed to get product OLJCESPC7Z: rpc error: code = Internal desc = Error: Product Catalog Fail Feature Flag Enabled"],
      ["product-catalog", "ERROR", "GetProduct failed for id OLJCESPC7Z: internal error"],
      ["checkout", "ERROR", "GetProducts from product-catalog failed: rpc error: code = Internal"],
      ["recommendation", "ERROR", "ListProducts from product-catalog failed: StatusCode.INTERNAL"],
    ]),
    expected: { category: "dependency/external", causes: ["internal_dependency_failure"], actions: ["restart", "circuit_breaker"] },
  },
  {
    id: "cascade_payment_unreachable",
    source: "cascade",
    incident: {
      title: "checkout cannot place orders",
      description: "All orders failing at payment step.",
      service: "checkout",
      severity: "P0",
      metadata: { metrics: [m("checkout_place_order_errors_total", 950, 3, 9, "step")] },
    },
    events: events("cascade_payment_unreachable", [
      ["checkout", "ERROR", "failed to charge card: rpc error: code = Unavailable desc = connection error: desc = \"transport: Error while dialing: dial tcp 10.96.12.4:50051: connect: connection refused\" (payment)"],
      ["checkout", "ERROR", "PlaceOrder failed: payment service unavailable"],
      ["frontend", "ERROR", "checkout PlaceOrder returned Unavailable"],
    ]),
    expected: { category: "dependency/external", causes: ["internal_dependency_failure"], actions: ["restart", "circuit_breaker"] },
  },
  {
    id: "cascade_ad_gc_pressure",
    source: "cascade",
    incident: {
      title: "ad service latency spikes",
      description: "ad p99 spikes every few seconds.",
      service: "ad",
      severity: "P3",
      metadata: {
        metrics: [m("jvm_gc_pause_seconds_sum", 42, 1.5, 8, "spike", "s"), m("ad_request_latency_p99_ms", 1400, 120, 6, "spike", "ms")],
      },
    },
    events: events("cascade_ad_gc_pressure", [
      ["ad", "WARNING", "[gc] Pause Full (G1 Compaction Pause) 1200M->1150M(1280M) 1843.522ms"],
      ["ad", "WARNING", "[gc] Pause Young (Normal) (G1 Evacuation Pause) 1210M->1190M(1280M) 412.117ms"],
    ]),
    expected: { category: "memory", causes: ["gc_pressure"], actions: ["config_change", "restart"] },
  },
  {
    id: "cascade_traffic_spike",
    source: "cascade",
    incident: {
      title: "frontend overloaded",
      description: "Homepage flooded with requests; every service slows down.",
      service: "frontend",
      severity: "P1",
      metadata: {
        metrics: [
          m("frontend_requests_per_second", 4200, 350, 10, "spike", "req/s"),
          m("frontend_cpu_usage_percent", 96, 35, 7, "spike", "%"),
          m("frontend_latency_p95_ms", 3400, 220, 7, "spike", "ms"),
        ],
        context: { load_generator: "homepage flood enabled by load test" },
      },
    },
    events: events("cascade_traffic_spike", [["frontend-proxy", "WARNING", "upstream frontend: 503 Service Unavailable (overloaded), active requests 2048"]]),
    expected: { category: "cpu/capacity", causes: ["traffic_surge"], actions: ["scale", "rate_limit"] },
  },
  {
    id: "cascade_llm_rate_limit",
    source: "cascade",
    incident: {
      title: "product-reviews summaries failing",
      description: "AI review summaries unavailable on product pages.",
      service: "product-reviews",
      severity: "P3",
      metadata: { metrics: [m("llm_requests_429_total", 260, 0, 8, "step")] },
    },
    events: events("cascade_llm_rate_limit", [
      ["product-reviews", "ERROR", "LLM call failed: Error code: 429 - {'error': {'message': 'Rate limit reached for requests per minute', 'type': 'requests'}}"],
      ["product-reviews", "ERROR", "openai.RateLimitError: Error code: 429"],
    ]),
    expected: { category: "dependency/external", causes: ["upstream_rate_limit"], actions: ["rate_limit", "fallback"] },
  },
  {
    id: "cascade_llm_inaccuracy",
    source: "cascade",
    incident: {
      title: "product review summaries are wrong",
      description: "Customers report AI summaries that contradict the reviews.",
      service: "product-reviews",
      severity: "P3",
      metadata: { metrics: [m("review_summary_eval_score", 0.41, 0.87, -6, "step")] },
    },
    events: events("cascade_llm_inaccuracy", [
      ["product-reviews", "WARNING", "summary evaluation score dropped to 0.41 for product L9ECAV7KIM (relevance check failed)"],
      ["product-reviews", "INFO", "user feedback: summary says 5 stars but reviews are negative - inaccurate summary"],
    ]),
    expected: { category: "dependency/external", causes: ["llm_quality_regression"], actions: ["clear_cache", "rollback"] },
  },
  // ── Incident Management Simulator health checks ───────────────────────────────────────────
  {
    id: "ims_redis_memory",
    source: "ims",
    incident: {
      title: "Redis health 8%",
      description: "Redis health check below threshold.",
      service: "redis",
      severity: "P2",
      metadata: { metrics: [m("redis_used_memory_percent", 92, 10, 9, "linear", "%"), m("redis_health", 8, 100, -9, "step", "%")] },
    },
    events: events("ims_redis_memory", [
      ["recommendation", "ERROR", "OOM command not allowed when used memory > 'maxmemory'."],
      ["redis", "WARNING", "used_memory 47.1MB of maxmemory 50MB, policy noeviction"],
    ]),
    expected: { category: "cache", causes: ["cache_memory_full"], actions: ["clear_cache"] },
  },
  {
    id: "ims_postgres_connections",
    source: "ims",
    incident: {
      title: "Postgres connection health 40%",
      description: "Connection health check below threshold.",
      service: "postgresql",
      severity: "P2",
      metadata: {
        metrics: [m("postgres_idle_connections", 12, 2, 6, "step"), m("postgres_connection_health", 40, 100, -6, "step", "%")],
        context: { max_connections: 20 },
      },
    },
    events: events("ims_postgres_connections", [
      ["postgresql", "WARNING", "12 of 20 connections idle in transaction for more than 60s"],
      ["product-catalog", "ERROR", "FATAL: remaining connection slots are reserved for non-replication superuser connections"],
    ]),
    expected: { category: "database", causes: ["connection_pool_exhaustion"], actions: ["kill_connections"] },
  },
  {
    id: "ims_postgres_bloat",
    source: "ims",
    incident: {
      title: "Postgres table health 20%",
      description: "Bloat health check below threshold on orders table.",
      service: "postgresql",
      severity: "P3",
      metadata: {
        metrics: [m("postgres_dead_tuples", 8000, 100, 9, "step"), m("postgres_bloat_health", 20, 100, -8, "step", "%")],
        context: { autovacuum: "off for table orders" },
      },
    },
    events: events("ims_postgres_bloat", [["postgresql", "WARNING", "table orders: 8000 dead tuples vs 2000 live; autovacuum disabled"]]),
    expected: { category: "database", causes: ["table_bloat"], actions: ["vacuum"] },
  },
  {
    id: "ims_disk_fill",
    source: "ims",
    incident: {
      title: "Disk health 25%",
      description: "Disk usage health check below threshold.",
      service: "api",
      severity: "P2",
      metadata: { metrics: [m("disk_usage_percent", 75, 30, 8, "linear", "%"), m("disk_free_bytes", 150_000_000, 2_000_000_000, -7, "linear", "bytes")] },
    },
    events: events("ims_disk_fill", [["api", "WARNING", "/var/log filesystem at 75% used; filler files in /var/tmp/sim"]]),
    expected: { category: "disk", causes: ["disk_full"], actions: ["cleanup_disk"] },
  },
];
