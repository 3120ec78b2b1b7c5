import type { ScenarioInput } from "../schemas";

const flag = (name: string, description: string, changed = 2) => ({ name, enabled: true, changed_minutes_ago: changed, description });

/**
 * The twelve cascade scenarios of an on-call Slack conversation generator over the Astronomy Shop (initial
 * service, affected services, depth, business impact, detection, recovery), each broken through
 * the demo's own feature flag. Downstream effects are not scripted: the world's cascade rules
 * (latency adds up, errors propagate, a failed cache multiplies load) produce them.
 */
export const cascadeScenarios: ScenarioInput[] = [
  {
    id: "cache_failure",
    name: "Recommendation Cache Failure",
    description:
      "The recommendation service's cache fails: every lookup misses, recommendation p95 goes from 50 ms to 500 ms and product-catalog sees ten times its load.",
    root_service: "recommendation",
    severity: "low",
    difficulty: "beginner",
    tags: ["cache", "performance", "cascade"],
    duration_seconds: 240,
    faults: [
      {
        service: "redis",
        fixed_by: ["restart", "clear_cache", "flag_toggle"],
        metrics: [
          { name: "redis_up", value: 0, baseline: 1, sigma: -6, pattern: "step" },
          { name: "cache_hit_rate_percent", value: 0, baseline: 95, sigma: -6, pattern: "step", unit: "%" },
        ],
      },
      {
        service: "recommendation",
        fixed_by: ["restart", "flag_toggle"],
        metrics: [
          { name: "http_request_duration_seconds_p95", value: 0.5, baseline: 0.05, sigma: 6, pattern: "step", unit: "s" },
          { name: "http_request_duration_seconds_p99", value: 0.8, baseline: 0.08, sigma: 6, pattern: "step", unit: "s" },
        ],
      },
    ],
    context: { recent_deploys: [], feature_flags: [flag("recommendationCacheFailure", "Fail recommendation service cache")] },
    expected_root_cause: "cache_failure",
    expected_action_types: ["restart", "flag_toggle"],
    impact: { affected_services: ["recommendation", "product-catalog", "frontend"], depth: "medium", business_impact: "low", detection: "easy", recovery: "immediate" },
    conversation: {
      services: {
        recommendation: { channel: "#recommendation-oncall", oncall_group: "@recommendation-oncall", role: "primary" },
        "product-catalog": { channel: "#product-catalog-oncall", oncall_group: "@product-catalog-oncall", role: "affected" },
      },
      personas: {
        alice: { name: "Alice Chen", style: "analytical", response_time: "fast", seniority: "senior", characteristics: ["checks metrics first", "asks clarifying questions"] },
        bob: { name: "Bob Smith", style: "pragmatic", response_time: "medium", seniority: "mid", characteristics: ["suggests quick fixes", "references past incidents"] },
        charlie: { name: "Charlie Park", style: "methodical", response_time: "medium", seniority: "mid" },
      },
      timeline: [
        { offset_seconds: 0, type: "alert", channel: "#recommendation-oncall", severity: "warning", title: "High Latency Detected", details: "P95 latency increased from 50ms to 500ms", metrics: { p95_latency: "500ms", p99_latency: "800ms", error_rate: "0%" }, runbook: "https://wiki.company.com/runbooks/recommendation-latency" },
        { offset_seconds: 10, type: "message", channel: "#recommendation-oncall", user: "alice", content: "Looking into this...", thread_parent: 0 },
        { offset_seconds: 30, type: "message", channel: "#recommendation-oncall", user: "alice", content: "P95 went from 50ms to 500ms. Cache hit rate is 0%!", thread_parent: 0 },
        { offset_seconds: 45, type: "message", channel: "#recommendation-oncall", user: "bob", content: "Cache failures in the logs. Restarting cache pods.", thread_parent: 0 },
        { offset_seconds: 60, type: "alert", channel: "#product-catalog-oncall", severity: "warning", title: "High CPU Usage", details: "CPU usage exceeded threshold" },
        { offset_seconds: 70, type: "message", channel: "#product-catalog-oncall", user: "charlie", content: "What's going on? Seeing 10x traffic suddenly", thread_parent: 4 },
        { offset_seconds: 80, type: "message", channel: "#product-catalog-oncall", user: "charlie", content: "Oh wait, all from recommendation service", thread_parent: 4 },
        { offset_seconds: 90, type: "mention", channel: "#recommendation-oncall", user: "charlie", content: "@recommendation-oncall Hey are you having issues?", mentions: ["@recommendation-oncall"] },
        { offset_seconds: 100, type: "message", channel: "#recommendation-oncall", user: "alice", content: "Yes! Cache is down, we're bypassing it", thread_parent: 7 },
        { offset_seconds: 110, type: "message", channel: "#recommendation-oncall", user: "charlie", content: "That makes sense. We're handling it fine, just heads up", thread_parent: 7 },
        { offset_seconds: 120, type: "action", channel: "#recommendation-oncall", user: "bob", content: "Cache is back up", action_type: "restart" },
        { offset_seconds: 130, type: "resolution", channel: "#recommendation-oncall", user: "alice", content: "✓ Confirmed. Latency back to normal.", metrics_after: { p95_latency: "50ms" } },
        { offset_seconds: 140, type: "resolution", channel: "#product-catalog-oncall", user: "charlie", content: "✓ Traffic returned to normal on our end too" },
      ],
    },
  },
  {
    id: "payment_failure",
    name: "Payment Failures at 50 %",
    description: "Half of the charge requests fail in the payment service: checkout fails for half of the orders, and fewer orders reach Kafka, accounting and fraud detection.",
    root_service: "payment",
    severity: "high",
    difficulty: "beginner",
    tags: ["errors", "checkout", "cascade"],
    duration_seconds: 180,
    faults: [
      {
        service: "payment",
        fixed_by: ["flag_toggle", "rollback"],
        metrics: [
          { name: "error_rate_percent", value: 50, baseline: 0.2, sigma: 7.0, pattern: "step", unit: "%" },
          { name: "payment_charge_failures_per_second", value: 20, baseline: 0.05, sigma: 6.5, pattern: "step", unit: "req/s" },
        ],
      },
    ],
    context: { recent_deploys: [], feature_flags: [{ ...flag("paymentFailure", "Fail payment service charge requests n%"), variant: "50%" }] },
    expected_root_cause: "payment_errors",
    expected_action_types: ["flag_toggle", "rollback"],
    impact: { affected_services: ["payment", "checkout", "frontend", "kafka", "accounting", "fraud-detection"], depth: "medium", business_impact: "high", detection: "easy", recovery: "immediate" },
  },
  {
    id: "high_cpu",
    name: "Ad Service High CPU",
    description: "The ad service burns CPU in a hot loop; its latency climbs and the frontend waits on ads.",
    root_service: "ad",
    severity: "low",
    difficulty: "beginner",
    tags: ["resource", "performance", "cascade"],
    duration_seconds: 180,
    faults: [
      {
        service: "ad",
        fixed_by: ["flag_toggle", "restart", "scale"],
        metrics: [{ name: "cpu_usage_percent", value: 97, baseline: 25, sigma: 6.0, pattern: "spike", unit: "%", ramp_seconds: 300 }],
      },
    ],
    context: { recent_deploys: [], feature_flags: [flag("adHighCpu", "Triggers high cpu load in the ad service")] },
    expected_root_cause: "cpu_overload",
    expected_action_types: ["flag_toggle", "scale"],
    impact: { affected_services: ["ad", "frontend"], depth: "low", business_impact: "low", detection: "very easy", recovery: "immediate" },
  },
  {
    id: "memory_leak",
    name: "Email Service Memory Leak → OOM Kills",
    description:
      "Two phases: the email service leaks memory until the kernel starts OOM-killing it; restarts pile up and checkout's confirmation emails fail. Recovery needs a restart.",
    root_service: "email",
    severity: "low",
    difficulty: "intermediate",
    tags: ["resource", "availability", "multi-phase", "cascade"],
    duration_seconds: 360,
    phases: [
      {
        name: "leak",
        start_offset_seconds: 0,
        duration_seconds: 240,
        faults: [
          {
            service: "email",
            fixed_by: ["restart"],
            metrics: [
              { name: "memory_usage_percent", value: 96, baseline: 40, sigma: 5.0, pattern: "linear", unit: "%" },
              { name: "memory_usage_bytes", value: 2_061_584_302, baseline: 858_993_459, sigma: 5.0, pattern: "linear", unit: "bytes" },
            ],
          },
        ],
      },
      {
        name: "oom-kills",
        start_offset_seconds: 240,
        faults: [
          {
            service: "email",
            fixed_by: ["restart", "scale"],
            metrics: [
              { name: "memory_usage_percent", value: 96, baseline: 40, sigma: 5.0, pattern: "oscillating", unit: "%", period_seconds: 40 },
              { name: "pod_restarts_total", value: 6, baseline: 0, sigma: 6.0, pattern: "linear", unit: "count" },
              { name: "pod_ready_count", value: 0, baseline: 1, sigma: -5.0, pattern: "oscillating", unit: "pods", period_seconds: 40 },
              { name: "error_rate_percent", value: 60, baseline: 0.2, sigma: 6.0, pattern: "oscillating", unit: "%", period_seconds: 40 },
            ],
          },
        ],
      },
    ],
    context: { recent_deploys: [], feature_flags: [flag("emailMemoryLeak", "Memory leak in the email service", 30)] },
    expected_root_cause: "memory_leak",
    expected_action_types: ["restart"],
    impact: { affected_services: ["email", "checkout", "frontend"], depth: "low", business_impact: "medium", detection: "medium", recovery: "restart" },
  },
  {
    id: "latency_spike",
    name: "Image Provider Latency Spike",
    description: "The image provider slows to seconds per image; page loads on the frontend degrade with it.",
    root_service: "image-provider",
    severity: "low",
    difficulty: "beginner",
    tags: ["performance", "latency", "cascade"],
    duration_seconds: 180,
    faults: [
      {
        service: "image-provider",
        fixed_by: ["flag_toggle", "restart"],
        metrics: [
          { name: "http_request_duration_seconds_p95", value: 2.5, baseline: 0.08, sigma: 6.0, pattern: "step", unit: "s" },
          { name: "http_request_duration_seconds_p99", value: 5, baseline: 0.13, sigma: 6.0, pattern: "step", unit: "s" },
        ],
      },
    ],
    context: { recent_deploys: [], feature_flags: [flag("imageSlowLoad", "Slow loading images in the frontend")] },
    expected_root_cause: "latency_spike",
    expected_action_types: ["flag_toggle"],
    impact: { affected_services: ["image-provider", "frontend", "checkout"], depth: "low", business_impact: "medium", detection: "easy", recovery: "immediate" },
  },
  {
    id: "kafka_lag",
    name: "Kafka Consumer Lag",
    description: "The order queue backs up: consumer lag grows on Kafka, accounting and fraud detection fall minutes behind. Draining takes 5–30 minutes.",
    root_service: "kafka",
    severity: "high",
    difficulty: "intermediate",
    tags: ["queue", "data", "cascade"],
    duration_seconds: 300,
    faults: [
      {
        service: "kafka",
        fixed_by: ["scale", "flag_toggle"],
        recovery_seconds: 300,
        metrics: [
          { name: "kafka_consumer_lag", value: 50_000, baseline: 20, sigma: 7.0, pattern: "linear", unit: "messages", ramp_seconds: 200 },
          { name: "http_request_duration_seconds_p95", value: 0.8, baseline: 0.01, sigma: 5.0, pattern: "linear", unit: "s" },
        ],
      },
      {
        service: "accounting",
        start_offset_seconds: 30,
        fixed_by: ["scale"],
        recovery_seconds: 300,
        metrics: [{ name: "kafka_consumer_lag", value: 30_000, baseline: 10, sigma: 6.5, pattern: "linear", unit: "messages" }],
      },
      {
        service: "fraud-detection",
        start_offset_seconds: 30,
        fixed_by: ["scale"],
        recovery_seconds: 300,
        metrics: [{ name: "kafka_consumer_lag", value: 30_000, baseline: 10, sigma: 6.5, pattern: "linear", unit: "messages" }],
      },
    ],
    context: { recent_deploys: [], feature_flags: [flag("kafkaQueueProblems", "Overloads Kafka queue while simultaneously introducing a consumer side delay leading to a lag spike")] },
    expected_root_cause: "queue_backlog",
    expected_action_types: ["scale", "flag_toggle"],
    impact: { affected_services: ["kafka", "accounting", "fraud-detection", "checkout", "frontend"], depth: "high", business_impact: "medium-high", detection: "medium", recovery: "5–30 min" },
  },
  {
    id: "catalog_failure",
    name: "Product Catalog Failure",
    description: "Product catalog lookups fail: the frontend, recommendations, checkout and reviews all depend on it and fail with it.",
    root_service: "product-catalog",
    severity: "critical",
    difficulty: "beginner",
    tags: ["errors", "availability", "cascade"],
    duration_seconds: 180,
    faults: [
      {
        service: "product-catalog",
        fixed_by: ["flag_toggle", "rollback", "restart"],
        metrics: [
          { name: "error_rate_percent", value: 85, baseline: 0.2, sigma: 7.5, pattern: "step", unit: "%" },
          { name: "http_request_duration_seconds_p95", value: 2.0, baseline: 0.1, sigma: 6.0, pattern: "step", unit: "s" },
        ],
      },
    ],
    context: { recent_deploys: [], feature_flags: [flag("productCatalogFailure", "Fail product catalog service on a specific product")] },
    expected_root_cause: "service_failure",
    expected_action_types: ["flag_toggle", "rollback"],
    impact: { affected_services: ["product-catalog", "frontend", "recommendation", "checkout", "product-reviews"], depth: "high", business_impact: "critical", detection: "easy", recovery: "immediate" },
  },
  {
    id: "payment_unreachable",
    name: "Payment Service Unreachable",
    description: "The payment service stops answering: checkout's charge calls time out after 30 s and every order fails (SEV-1).",
    root_service: "payment",
    severity: "critical",
    difficulty: "beginner",
    tags: ["availability", "checkout", "cascade"],
    duration_seconds: 180,
    faults: [
      {
        service: "payment",
        fixed_by: ["flag_toggle", "restart"],
        metrics: [
          { name: "pod_ready_count", value: 0, baseline: 3, sigma: -8.0, pattern: "step", unit: "pods" },
          { name: "error_rate_percent", value: 100, baseline: 0.2, sigma: 8.0, pattern: "step", unit: "%" },
          { name: "http_request_duration_seconds_p95", value: 30, baseline: 0.3, sigma: 8.0, pattern: "step", unit: "s" },
        ],
      },
    ],
    context: { recent_deploys: [], feature_flags: [flag("paymentUnreachable", "Payment service is unavailable", 1)] },
    expected_root_cause: "service_unreachable",
    expected_action_types: ["flag_toggle", "restart"],
    impact: { affected_services: ["payment", "checkout", "frontend", "kafka", "accounting", "fraud-detection"], depth: "medium", business_impact: "critical (SEV-1)", detection: "very easy", recovery: "immediate" },
    conversation: {
      services: {
        checkout: { channel: "#checkout-oncall", oncall_group: "@checkout-oncall", role: "affected" },
        payment: { channel: "#payment-oncall", oncall_group: "@payment-oncall", role: "primary" },
      },
      personas: {
        dave: { name: "Dave Miller", style: "direct", response_time: "very_fast", seniority: "senior" },
        emma: { name: "Emma Rossi", style: "thorough", response_time: "fast", seniority: "staff" },
      },
      timeline: [
        { offset_seconds: 0, type: "alert", channel: "#checkout-oncall", severity: "critical", title: "CRITICAL: Payment Service Unreachable", details: "Checkout calls to payment time out after 30s" },
        { offset_seconds: 5, type: "message", channel: "#checkout-oncall", user: "dave", content: "On it. Health check failing.", thread_parent: 0 },
        { offset_seconds: 10, type: "message", channel: "#checkout-oncall", user: "dave", content: "Service is returning no response. Timeout after 30s.", thread_parent: 0 },
        { offset_seconds: 15, type: "mention", channel: "#payment-oncall", user: "dave", content: "@payment-oncall Payment service down?", mentions: ["@payment-oncall"] },
        { offset_seconds: 20, type: "message", channel: "#payment-oncall", user: "emma", content: "Not seeing any issues on our end. Let me check...", thread_parent: 3 },
        { offset_seconds: 30, type: "message", channel: "#payment-oncall", user: "emma", content: "Oh crap, feature flag enabled by mistake", thread_parent: 3 },
        { offset_seconds: 35, type: "action", channel: "#payment-oncall", user: "emma", content: "Disabling now", action_type: "flag_toggle", thread_parent: 3 },
        { offset_seconds: 40, type: "message", channel: "#payment-oncall", user: "dave", content: "Still timing out", thread_parent: 3 },
        { offset_seconds: 45, type: "message", channel: "#payment-oncall", user: "emma", content: "Try now, just disabled", thread_parent: 3 },
        { offset_seconds: 50, type: "message", channel: "#checkout-oncall", user: "dave", content: "✓ Health check passing. Monitoring...", thread_parent: 0 },
        { offset_seconds: 60, type: "resolution", channel: "#checkout-oncall", user: "dave", content: "✓ Checkout success rate back to 100%", metrics_after: { checkout_success_rate: "100%" } },
      ],
    },
  },
  {
    id: "ad_gc_pressure",
    name: "Ad Service GC Pressure",
    description: "Manual full garbage collections in the ad service stall it in waves; latency swings and the frontend's ad slot times out now and then.",
    root_service: "ad",
    severity: "low",
    difficulty: "intermediate",
    tags: ["resource", "jvm", "cascade"],
    duration_seconds: 240,
    faults: [
      {
        service: "ad",
        fixed_by: ["flag_toggle", "restart"],
        metrics: [
          { name: "jvm_gc_pause_seconds_p99", value: 1.8, baseline: 0.02, sigma: 6.0, pattern: "oscillating", unit: "s", period_seconds: 30 },
          { name: "http_request_duration_seconds_p95", value: 1.2, baseline: 0.04, sigma: 5.5, pattern: "oscillating", unit: "s", period_seconds: 30 },
          { name: "cpu_usage_percent", value: 70, baseline: 25, sigma: 4.0, pattern: "oscillating", unit: "%", period_seconds: 30 },
        ],
      },
    ],
    context: { recent_deploys: [], feature_flags: [flag("adManualGc", "Triggers full manual garbage collections in the ad service")] },
    expected_root_cause: "gc_pressure",
    expected_action_types: ["flag_toggle", "restart"],
    impact: { affected_services: ["ad", "frontend"], depth: "low", business_impact: "low", detection: "medium", recovery: "immediate" },
  },
  {
    id: "traffic_spike",
    name: "Homepage Traffic Flood",
    description: "A flood of homepage requests multiplies the frontend's load tenfold; every service behind it feels the surge.",
    root_service: "frontend",
    severity: "high",
    difficulty: "beginner",
    tags: ["capacity", "performance", "cascade"],
    duration_seconds: 300,
    // A flood of requests subsides on its own: the drill ends healthy even if nobody acts.
    self_heals: true,
    faults: [
      {
        service: "frontend",
        fixed_by: ["scale", "rate_limit", "flag_toggle"],
        metrics: [{ name: "http_requests_per_second", value: 4000, baseline: 400, sigma: 6.0, pattern: "linear", unit: "req/s", ramp_seconds: 120 }],
      },
    ],
    context: { recent_deploys: [], feature_flags: [{ ...flag("loadGeneratorFloodHomepage", "Flood the frontend with a large amount of requests"), variant: "on" }] },
    expected_root_cause: "traffic_surge",
    expected_action_types: ["scale", "rate_limit"],
    impact: { affected_services: ["frontend", "recommendation", "product-catalog", "ad", "cart", "checkout", "currency", "email", "payment", "shipping", "quote", "kafka", "postgresql", "image-provider"], depth: "very high", business_impact: "high", detection: "easy", recovery: "2–10 min" },
  },
  {
    id: "llm_rate_limit",
    name: "LLM Rate Limited",
    description: "The LLM provider answers 429 to most calls; product reviews fall back to no summaries.",
    root_service: "llm",
    severity: "low",
    difficulty: "beginner",
    tags: ["external", "llm", "cascade"],
    duration_seconds: 180,
    faults: [
      {
        service: "llm",
        fixed_by: ["flag_toggle", "rate_limit"],
        metrics: [
          { name: "error_rate_percent", value: 60, baseline: 0.2, sigma: 6.0, pattern: "step", unit: "%" },
          { name: "llm_rate_limited_requests_per_second", value: 12, baseline: 0, sigma: 6.0, pattern: "step", unit: "req/s" },
        ],
      },
    ],
    context: { recent_deploys: [], feature_flags: [flag("llmRateLimitError", "Product reviews LLM returns rate limit errors")] },
    expected_root_cause: "rate_limited",
    expected_action_types: ["flag_toggle", "rate_limit"],
    impact: { affected_services: ["llm", "product-reviews", "frontend"], depth: "low", business_impact: "very low", detection: "easy", recovery: "immediate" },
  },
  {
    id: "llm_inaccuracy",
    name: "LLM Inaccurate Answers",
    description: "The LLM starts answering plausibly but wrongly about products; nothing errors, only the answers' accuracy falls. Cached bad answers must be cleared.",
    root_service: "llm",
    severity: "high",
    difficulty: "advanced",
    tags: ["external", "llm", "quality"],
    duration_seconds: 240,
    faults: [
      {
        service: "llm",
        fixed_by: ["flag_toggle", "clear_cache"],
        metrics: [{ name: "llm_answer_accuracy_percent", value: 35, baseline: 95, sigma: -6.0, pattern: "linear", unit: "%", ramp_seconds: 120 }],
      },
    ],
    context: { recent_deploys: [], feature_flags: [flag("llmInaccurateResponse", "Product reviews LLM returns inaccurate responses")] },
    expected_root_cause: "model_quality",
    expected_action_types: ["flag_toggle", "clear_cache"],
    impact: { affected_services: ["llm", "product-reviews", "frontend", "product-catalog"], depth: "low", business_impact: "medium-high", detection: "very hard", recovery: "cache clear" },
  },
];
