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
  },
];
