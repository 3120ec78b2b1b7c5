import type { ScenarioInput } from "../schemas";

/**
 * The five scenarios of AIRRA's incident simulator (AIRRA: an open-source incident-response and
 * root-cause-analysis assistant, github.com/kkrriders/AIRRA), with its metrics, baselines, sigmas and
 * patterns. AIRRA ran them on its `payment-service`; here they break the shop's `payment`.
 */
export const airraScenarios: ScenarioInput[] = [
  {
    id: "memory_leak_gradual",
    name: "Gradual Memory Leak",
    description:
      "A memory leak in the payment service exhausts memory over time, triggering OOM kills. Memory climbs steadily after a deploy that added Redis connection pooling; correlate the memory metrics with the deployment.",
    root_service: "payment",
    severity: "critical",
    difficulty: "beginner",
    tags: ["resource", "availability"],
    duration_seconds: 300,
    faults: [
      {
        service: "payment",
        fixed_by: ["restart", "scale", "rollback"],
        metrics: [
          { name: "memory_usage_bytes", value: 8589934592, baseline: 2147483648, sigma: 5.2, pattern: "linear", unit: "bytes" },
          { name: "memory_usage_percent", value: 95, baseline: 25, sigma: 5.0, pattern: "linear", unit: "%" },
          { name: "heap_allocations_total", value: 15_000_000, baseline: 2_000_000, sigma: 4.8, pattern: "linear", unit: "count" },
          { name: "garbage_collections_total", value: 5000, baseline: 500, sigma: 4.5, pattern: "linear", unit: "count" },
        ],
      },
    ],
    context: {
      recent_deploys: [{ version: "v2.3.1", minutes_ago: 360, description: "Added Redis connection pooling", service: "payment" }],
      feature_flags: [],
      pod_count: 3,
    },
    expected_root_cause: "memory_leak",
    expected_action_types: ["restart", "scale"],
  },
  {
    id: "cpu_spike_traffic_surge",
    name: "CPU Spike from Traffic Surge",
    description:
      "A sudden traffic surge from a marketing campaign saturates the payment service's CPU and queues requests. Autoscaling is off; capacity, not code, is the problem.",
    root_service: "payment",
    severity: "high",
    difficulty: "beginner",
    tags: ["performance", "capacity"],
    duration_seconds: 180,
    faults: [
      {
        service: "payment",
        fixed_by: ["scale", "rate_limit"],
        metrics: [
          { name: "cpu_usage_percent", value: 98.5, baseline: 45, sigma: 6.0, pattern: "spike", unit: "%" },
          { name: "http_requests_per_second", value: 3500, baseline: 800, sigma: 5.5, pattern: "spike", unit: "req/s" },
          { name: "http_request_duration_seconds_p95", value: 4.2, baseline: 0.3, sigma: 5.0, pattern: "spike", unit: "s" },
          { name: "thread_pool_queue_size", value: 450, baseline: 5, sigma: 4.8, pattern: "spike", unit: "count" },
        ],
      },
    ],
    context: {
      recent_deploys: [],
      feature_flags: [],
      events: [{ type: "marketing_campaign", minutes_ago: 15, description: "Marketing campaign launched" }],
      autoscaling_enabled: false,
    },
    expected_root_cause: "traffic_surge",
    expected_action_types: ["scale", "rate_limit"],
  },
  {
    id: "latency_spike_database",
    name: "Latency Spike from Database",
    description:
      "Database queries slow down after v2.4.0 introduced complex JOIN queries (missing index or lock contention); the connection pool nearly fills and API latency climbs.",
    root_service: "payment",
    severity: "high",
    difficulty: "intermediate",
    tags: ["performance", "database"],
    duration_seconds: 240,
    faults: [
      {
        service: "payment",
        fixed_by: ["database_optimization", "connection_pool_tuning", "rollback"],
        metrics: [
          { name: "http_request_duration_seconds_p95", value: 8.5, baseline: 0.4, sigma: 6.5, pattern: "step", unit: "s" },
          { name: "http_request_duration_seconds_p99", value: 12.3, baseline: 0.8, sigma: 6.8, pattern: "step", unit: "s" },
          { name: "database_query_duration_seconds", value: 7.2, baseline: 0.05, sigma: 7.0, pattern: "step", unit: "s" },
          { name: "database_connections_active", value: 98, baseline: 15, sigma: 5.5, pattern: "step", unit: "count" },
          { name: "http_requests_total", value: 450, baseline: 800, sigma: -4.2, pattern: "step", unit: "req/s" },
        ],
      },
    ],
    context: {
      recent_deploys: [{ version: "v2.4.0", minutes_ago: 120, description: "New complex JOIN queries", service: "payment" }],
      feature_flags: [],
      database: { engine: "PostgreSQL", version: "14.5", pool_size: 100 },
    },
    expected_root_cause: "database_performance",
    expected_action_types: ["database_optimization", "connection_pool_tuning"],
  },
  {
    id: "pod_crash_loop",
    name: "Pod Crash Loop",
    description: "Pods crash repeatedly after a bad deployment (v2.5.0, twenty minutes ago): restarts pile up, one pod of three stays ready, traffic collapses.",
    root_service: "payment",
    severity: "critical",
    difficulty: "intermediate",
    tags: ["availability", "deployment"],
    duration_seconds: 300,
    faults: [
      {
        service: "payment",
        fixed_by: ["rollback", "restart"],
        metrics: [
          { name: "pod_restarts_total", value: 45, baseline: 0, sigma: 8.0, pattern: "linear", unit: "count" },
          { name: "pod_ready_count", value: 1, baseline: 3, sigma: -5.5, pattern: "step", unit: "pods" },
          { name: "http_requests_total", value: 50, baseline: 800, sigma: -6.0, pattern: "step", unit: "req/s" },
          { name: "http_request_duration_seconds_p95", value: 15.0, baseline: 0.3, sigma: 5.5, pattern: "oscillating", unit: "s" },
        ],
      },
    ],
    context: {
      recent_deploys: [{ version: "v2.5.0", minutes_ago: 20, description: "Release v2.5.0", service: "payment" }],
      feature_flags: [],
      pod_count: 3,
    },
    expected_root_cause: "deployment_issue",
    expected_action_types: ["rollback", "restart"],
  },
  {
    id: "dependency_failure_timeout",
    name: "External Dependency Timeout",
    description:
      "The external payment gateway (Stripe API, 30 s timeout) stops answering: calls hang until the timeout, 500s pile up, retries inflate traffic and the circuit breaker opens.",
    root_service: "payment",
    severity: "high",
    difficulty: "advanced",
    tags: ["external", "availability"],
    duration_seconds: 200,
    faults: [
      {
        service: "payment",
        fixed_by: ["circuit_breaker", "fallback"],
        metrics: [
          { name: "http_requests_total", value: 1500, baseline: 800, sigma: 4.5, pattern: "spike", unit: "req/s" },
          { name: "http_response_status_500_total", value: 850, baseline: 5, sigma: 7.5, pattern: "spike", unit: "count" },
          { name: "external_api_call_duration_seconds", value: 30, baseline: 0.5, sigma: 8.0, pattern: "step", unit: "s" },
          { name: "external_api_errors_total", value: 720, baseline: 2, sigma: 7.8, pattern: "spike", unit: "count" },
          { name: "circuit_breaker_open", value: 1, baseline: 0, sigma: 5.0, pattern: "step", unit: "bool" },
        ],
      },
    ],
    context: {
      recent_deploys: [],
      feature_flags: [],
      external_dependency: { name: "Stripe API", timeout_seconds: 30 },
    },
    expected_root_cause: "external_dependency_failure",
    expected_action_types: ["circuit_breaker", "fallback", "alert"],
  },
];
