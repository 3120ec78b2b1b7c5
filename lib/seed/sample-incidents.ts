import type { IncidentStatus, Severity } from "@/db/schema";

/** A handful of realistic incidents so a new workspace's board is never empty on first look. */
export type SampleIncident = {
  title: string;
  description: string;
  service: string;
  team: string;
  severity: Severity;
  status: IncidentStatus;
  affectedSystems: string[];
  minutesAgo: number;
  eventCount: number;
  incidentType?: "real" | "synthetic" | "training";
  metadata?: Record<string, unknown>;
  notes?: string;
  /** Log lines the service sent; the seeder writes `eventCount` events cycling through them. */
  logs: { level: "WARNING" | "ERROR" | "CRITICAL" | "FATAL"; message: string }[];
};

export const sampleIncidents: SampleIncident[] = [
  {
    title: "payment-service memory climbing toward OOM after v2.3.1",
    description:
      "Memory usage on payment-service pods rose from 25% to 95% over six hours. Heap allocations and GC counts are up 5-10x since the v2.3.1 deploy (Redis connection pooling).",
    service: "payment-service",
    team: "Payments",
    severity: "P0",
    status: "investigating",
    affectedSystems: ["payment-service", "checkout"],
    minutesAgo: 42,
    eventCount: 37,
    logs: [
      { level: "WARNING", message: "GC overhead limit approaching: heap 7.6GiB/8GiB after full GC (pod payment-service-7d9f-2)" },
      { level: "ERROR", message: "java.lang.OutOfMemoryError: Java heap space at io.lettuce.core.RedisChannelHandler.dispatch" },
      { level: "CRITICAL", message: "Container payment-service-7d9f-1 OOMKilled (exit code 137), restart 3" },
      { level: "ERROR", message: "redis pool: 4812 connections open, pool.max=50 ignored since v2.3.1" },
    ],
    metadata: {
      metrics: [
        { name: "memory_usage_percent", value: 95, baseline: 25, unit: "%" },
        { name: "heap_allocations_total", value: 15_000_000, baseline: 2_000_000, unit: "count" },
        { name: "garbage_collections_total", value: 5000, baseline: 500, unit: "count" },
      ],
      context: { recent_deploys: [{ version: "v2.3.1", minutes_ago: 360, description: "Added Redis connection pooling" }] },
    },
  },
  {
    title: "Checkout p95 latency 8.5s: slow JOIN queries on orders",
    description:
      "API p95 latency jumped from 0.4s to 8.5s right after v2.4.0. Database query duration is 7.2s and 98 of 100 pool connections are active.",
    service: "checkout",
    team: "Checkout",
    severity: "P1",
    status: "triage",
    affectedSystems: ["checkout", "postgresql"],
    minutesAgo: 12,
    eventCount: 14,
    logs: [
      { level: "WARNING", message: "slow query 7.2s: SELECT o.*, i.* FROM orders o JOIN order_items i ON ... WHERE o.user_id = $1" },
      { level: "ERROR", message: "HikariPool-1 - Connection is not available, request timed out after 30000ms (active=98, idle=0)" },
      { level: "ERROR", message: "GET /api/checkout/history 504 Gateway Timeout after 8512ms" },
    ],
    metadata: {
      metrics: [
        { name: "http_request_duration_seconds_p95", value: 8.5, baseline: 0.4, unit: "s" },
        { name: "database_query_duration_seconds", value: 7.2, baseline: 0.05, unit: "s" },
        { name: "database_connections_active", value: 98, baseline: 15, unit: "count" },
      ],
      context: { recent_deploys: [{ version: "v2.4.0", minutes_ago: 120, description: "New order history JOIN queries" }] },
    },
  },
  {
    title: "Stripe API timeouts: circuit breaker open on payment",
    description: "External payment gateway calls take 30s and time out; 850 HTTP 500s in the last 5 minutes.",
    service: "payment",
    team: "Payments",
    severity: "P1",
    status: "fixing",
    affectedSystems: ["payment", "checkout", "frontend"],
    minutesAgo: 95,
    eventCount: 112,
    logs: [
      { level: "ERROR", message: "POST https://api.stripe.com/v1/charges timed out after 30000ms" },
      { level: "ERROR", message: "HTTP 500 on /charge: upstream payment gateway timeout" },
      { level: "CRITICAL", message: "circuit breaker stripe-charges OPEN after 50% failures in 60s" },
    ],
    notes: "Fallback to queued charges enabled at 14:05. Waiting on Stripe status page.",
  },
  {
    title: "Redis used memory at 92% of maxmemory (noeviction)",
    description: "Redis health is 8%. Writes from recommendation start failing with OOM command not allowed.",
    service: "redis",
    team: "Platform",
    severity: "P2",
    status: "triage",
    affectedSystems: ["redis", "recommendation"],
    minutesAgo: 5,
    eventCount: 6,
    logs: [
      { level: "WARNING", message: "used_memory 46.1MB of maxmemory 50MB (policy noeviction)" },
      { level: "ERROR", message: "OOM command not allowed when used memory > 'maxmemory'. SET rec:user:8812" },
    ],
  },
  {
    title: "ad service CPU at 97% with GC pauses",
    description: "Ad service CPU saturated; frontend ad slots time out and render empty.",
    service: "ad",
    team: "Growth",
    severity: "P3",
    status: "investigating",
    affectedSystems: ["ad", "frontend"],
    minutesAgo: 220,
    eventCount: 9,
    logs: [
      { level: "WARNING", message: "GC pause 1.8s (G1 Evacuation Pause) on ad-service-5c7b" },
      { level: "ERROR", message: "GetAds deadline exceeded after 500ms; cpu 97%" },
    ],
  },
  {
    title: "Kafka consumer lag on accounting above 50k messages",
    description: "accounting and fraud-detection consumers are 50k messages behind; orders are delayed in reporting.",
    service: "kafka",
    team: "Data",
    severity: "P2",
    status: "resolved",
    affectedSystems: ["kafka", "accounting", "fraud-detection"],
    minutesAgo: 60 * 26,
    eventCount: 58,
    logs: [
      { level: "WARNING", message: "consumer group accounting lag 52,310 on topic orders partition 3" },
      { level: "ERROR", message: "fraud-detection: poll interval exceeded, member left group; rebalancing" },
    ],
  },
  {
    title: "product-catalog 5xx after PostgreSQL failover",
    description: "Catalog returned 500s for 4 minutes during the PostgreSQL primary failover.",
    service: "product-catalog",
    team: "Catalog",
    severity: "P1",
    status: "resolved",
    affectedSystems: ["product-catalog", "postgresql", "frontend"],
    minutesAgo: 60 * 50,
    eventCount: 203,
    logs: [
      { level: "ERROR", message: "pq: the database system is in recovery mode (host postgresql-0)" },
      { level: "ERROR", message: "ListProducts failed: dial tcp 10.0.3.12:5432: connect: connection refused" },
      { level: "CRITICAL", message: "GET /api/products 500 Internal Server Error (rate 41%)" },
    ],
  },
  {
    title: "Disk on logging volume 91% full",
    description: "Old application logs filled the volume; cleanup job had been disabled.",
    service: "disk",
    team: "Platform",
    severity: "P3",
    status: "closed",
    affectedSystems: ["disk"],
    minutesAgo: 60 * 24 * 4,
    eventCount: 12,
    logs: [
      { level: "WARNING", message: "/var/log usage 88% (44.1GiB of 50GiB)" },
      { level: "ERROR", message: "write /var/log/app/app.log: no space left on device" },
    ],
  },
];
