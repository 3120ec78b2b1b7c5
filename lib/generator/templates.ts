import type { Severity } from "@/db/schema";

/**
 * What the generator can write about: a service, a failure, how bad it usually is, and the words
 * monitoring and people use for it. `{n}`-style placeholders are filled from `numbers` with a
 * value drawn in its range, so every incident reads a little differently (and the same seed reads
 * the same).
 */
export type IncidentTemplate = {
  id: string;
  label: string;
  service: string;
  category: string;
  severities: readonly Severity[];
  titles: readonly string[];
  details: readonly string[];
  /** Log lines the "monitoring" sends through intake. */
  logs: readonly string[];
  numbers: Record<string, [number, number]>;
  metric?: { name: string; unit: string; value: string; baseline: number };
};

/** The generator's own templates: redis, postgres, disk, api-gateway, auth and payment failures. */
export const incidentTemplates: readonly IncidentTemplate[] = [
  {
    id: "redis-memory",
    label: "Redis: high memory usage",
    service: "redis",
    category: "memory_leak",
    severities: ["P2", "P1"],
    titles: ["Redis memory at {pct}% of maxmemory", "High memory usage on redis", "Redis nearing maxmemory ({pct}%)"],
    details: [
      "used_memory climbed to {mb} MB of a {max} MB limit with the noeviction policy; writes will start failing with OOM errors.",
      "Redis reports {pct}% memory use. Keys without TTL have grown by {keys}k in the last hour; eviction is disabled.",
    ],
    logs: ["OOM command not allowed when used memory > 'maxmemory'", "used_memory={mb}MB maxmemory={max}MB", "MISCONF write refused: memory limit reached"],
    numbers: { pct: [86, 99], mb: [43, 50], max: [50, 50], keys: [40, 180] },
    metric: { name: "memory_usage_percent", unit: "%", value: "{pct}", baseline: 45 },
  },
  {
    id: "redis-connections",
    label: "Redis: connection pool exhausted",
    service: "redis",
    category: "network_error",
    severities: ["P1", "P2"],
    titles: ["Redis connection pool exhausted", "Clients cannot get a redis connection ({conns}/{conns} in use)"],
    details: [
      "All {conns} pooled connections to redis are in use; callers wait {wait} ms for a connection and then time out.",
      "Connection pool saturation on redis: {conns} active, {waiting} waiting. Timeouts started about {ago} minutes ago.",
    ],
    logs: ["ERR max number of clients reached", "timeout acquiring redis connection after {wait}ms", "pool exhausted: {waiting} waiters"],
    numbers: { conns: [50, 200], wait: [800, 5000], waiting: [20, 140], ago: [2, 15] },
  },
  {
    id: "redis-slow",
    label: "Redis: slow queries",
    service: "redis",
    category: "api_timeout",
    severities: ["P3", "P2"],
    titles: ["Slow commands on redis (p95 {ms} ms)", "Redis slowlog filling up"],
    details: ["KEYS and large SMEMBERS calls block the event loop; p95 command latency is {ms} ms (usually under 2 ms).", "The slowlog shows {count} commands over 10 ms in five minutes."],
    logs: ["slowlog: KEYS session:* took {ms}ms", "command latency p95={ms}ms", "blocked clients: {count}"],
    numbers: { ms: [40, 400], count: [30, 400] },
    metric: { name: "p95_latency", unit: "ms", value: "{ms}ms", baseline: 2 },
  },
  {
    id: "postgres-connections",
    label: "PostgreSQL: connection limit reached",
    service: "postgresql",
    category: "database_issue",
    severities: ["P1", "P0"],
    titles: ["PostgreSQL connection limit reached", "Too many clients on postgresql ({idle} idle)"],
    details: [
      "max_connections ({max}) is reached; {idle} connections sit idle in transaction and new sessions are refused.",
      "Connection slots are exhausted: {idle} of {max} are idle. Services fail with 'sorry, too many clients already'.",
    ],
    logs: ["FATAL: sorry, too many clients already", "FATAL: remaining connection slots are reserved", "connection refused: {idle} idle of {max}"],
    numbers: { max: [20, 100], idle: [12, 60] },
  },
  {
    id: "postgres-bloat",
    label: "PostgreSQL: table bloat",
    service: "postgresql",
    category: "database_issue",
    severities: ["P3", "P2"],
    titles: ["Table bloat detected on orders", "Dead tuples at {dead}k on postgresql"],
    details: ["Autovacuum has not run on orders for {hours} hours; {dead}k dead tuples against {live}k live ones slow every scan.", "Sequential scans on a bloated table: health {health}%."],
    logs: ["autovacuum: skipping orders, lock not available", "seq scan on orders read {dead}k dead tuples", "table bloat ratio {ratio}"],
    numbers: { hours: [6, 72], dead: [8, 80], live: [2, 20], health: [18, 45], ratio: [3, 9] },
  },
  {
    id: "postgres-deadlock",
    label: "PostgreSQL: deadlocks",
    service: "postgresql",
    category: "database_issue",
    severities: ["P2", "P1"],
    titles: ["Deadlocks detected on postgresql", "Repeated deadlocks between order writers"],
    details: ["{count} deadlocks in ten minutes between the order writer and the inventory job; transactions are rolled back.", "Two writers take row locks in opposite order: {count} deadlocks so far."],
    logs: ["ERROR: deadlock detected", "Process {pid} waits for ShareLock on transaction {tx}", "transaction rolled back after deadlock"],
    numbers: { count: [5, 60], pid: [10_000, 90_000], tx: [100_000, 999_999] },
  },
  {
    id: "disk-full",
    label: "Disk space critically low",
    service: "disk-monitor",
    category: "disk_full",
    severities: ["P1", "P0"],
    titles: ["Disk space critically low on /var ({pct}% used)", "Volume /var at {pct}%"],
    details: ["/var is {pct}% full, {free} MB left; log rotation is behind and writes will fail soon.", "Free space dropped under {free} MB on /var; the largest directory is /var/log ({gb} GB)."],
    logs: ["No space left on device", "disk usage /var {pct}%", "write failed: ENOSPC"],
    numbers: { pct: [91, 99], free: [40, 400], gb: [6, 40] },
    metric: { name: "disk_usage_percent", unit: "%", value: "{pct}%", baseline: 55 },
  },
  {
    id: "api-gateway-latency",
    label: "API gateway: high latency",
    service: "api-gateway",
    category: "api_timeout",
    severities: ["P2", "P1"],
    titles: ["High latency on api-gateway (p95 {ms} ms)", "api-gateway p95 over SLO"],
    details: ["p95 latency is {ms} ms against a 300 ms objective; upstream timeouts rise to {rate}%.", "Requests queue at the gateway: {rps} req/s in, p95 {ms} ms."],
    logs: ["upstream request timeout after {ms}ms", "504 Gateway Timeout", "p95={ms}ms rps={rps}"],
    numbers: { ms: [800, 4000], rate: [2, 18], rps: [400, 2400] },
    metric: { name: "p95_latency", unit: "ms", value: "{ms}ms", baseline: 120 },
  },
  {
    id: "auth-login-failures",
    label: "Auth service: login failures",
    service: "auth-service",
    category: "authentication_error",
    severities: ["P1", "P2"],
    titles: ["Login failures on auth-service ({rate}%)", "Users cannot sign in"],
    details: ["{rate}% of sign-ins fail with invalid_token since the signing key rotated {ago} minutes ago.", "Token validation errors: {count} in five minutes; the identity provider answers slowly."],
    logs: ["invalid_token: signature verification failed", "login failed for user (reason=token_expired)", "JWKS fetch timed out"],
    numbers: { rate: [8, 60], ago: [3, 30], count: [200, 4000] },
    metric: { name: "error_rate", unit: "%", value: "{rate}%", baseline: 0.3 },
  },
  {
    id: "payment-timeout",
    label: "Payment: transaction timeouts",
    service: "payment",
    category: "api_timeout",
    severities: ["P1", "P0"],
    titles: ["Payment transactions timing out", "Charge requests exceed {s} s on payment"],
    details: ["{rate}% of charges time out after {s} s waiting on the card processor; checkout retries add load.", "The processor answers in {s} s; {count} orders failed in ten minutes."],
    logs: ["ChargeCard timeout after {s}s", "processor 504 on /v1/charges", "payment failed: context deadline exceeded"],
    numbers: { rate: [5, 40], s: [10, 30], count: [40, 600] },
    metric: { name: "error_rate", unit: "%", value: "{rate}%", baseline: 0.2 },
  },
];

export function findTemplate(id: string): IncidentTemplate | undefined {
  return incidentTemplates.find((t) => t.id === id);
}
