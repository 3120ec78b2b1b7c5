import type { ScenarioInput } from "../schemas";

const OPEN_ENDED = 7 * 86_400;
const MB = 1024 * 1024;

/**
 * The four failure injections of an incident-management simulator. Each runs until it is cleared (its "clear"
 * counterpart: flush Redis, terminate idle connections, VACUUM ANALYZE, remove the filler files).
 */
export const injectionScenarios: ScenarioInput[] = [
  {
    id: "redis-memory",
    kind: "injection",
    name: "Redis memory filled",
    description: "Fills Redis (maxmemory 50 MB, noeviction) until writes start failing.",
    root_service: "redis",
    severity: "high",
    difficulty: "beginner",
    tags: ["injection", "cache", "resource"],
    duration_seconds: OPEN_ENDED,
    faults: [
      {
        service: "redis",
        recovery_seconds: 0,
        fixed_by: ["clear_redis_cache", "restart_redis", "clear_cache", "restart"],
        metrics: [{ name: "redis_used_memory_bytes", value: 47.5 * MB, baseline: 5 * MB, sigma: 6.0, pattern: "step", unit: "bytes" }],
      },
    ],
    context: { recent_deploys: [], feature_flags: [], redis: { maxmemory_bytes: 50 * MB, maxmemory_policy: "noeviction" } },
    expected_root_cause: "memory_exhaustion",
    expected_action_types: ["clear_redis_cache", "restart_redis"],
    clear: "Flush Redis (FLUSHALL).",
  },
  {
    id: "postgres-connections",
    kind: "injection",
    name: "Postgres connections held idle",
    description: "Opens and holds 12 idle connections against a server with max_connections 20.",
    root_service: "postgresql",
    severity: "high",
    difficulty: "beginner",
    tags: ["injection", "database", "connections"],
    duration_seconds: OPEN_ENDED,
    faults: [
      {
        service: "postgresql",
        recovery_seconds: 0,
        fixed_by: ["kill_idle_connections", "restart_postgres", "restart"],
        metrics: [
          { name: "pg_connections_idle", value: 13, baseline: 1, sigma: 6.0, pattern: "step", unit: "count" },
          { name: "pg_connections_total", value: 20, baseline: 8, sigma: 5.0, pattern: "step", unit: "count" },
        ],
      },
    ],
    context: { recent_deploys: [], feature_flags: [], postgres: { max_connections: 20, held_idle_connections: 12 } },
    expected_root_cause: "connection_exhaustion",
    expected_action_types: ["kill_idle_connections"],
    clear: "Terminate the idle connections (pg_terminate_backend).",
  },
  {
    id: "postgres-bloat",
    kind: "injection",
    name: "Postgres table bloat",
    description: "Inserts 10,000 rows with autovacuum off and deletes 80 % of them: 8,000 dead tuples for 2,000 live.",
    root_service: "postgresql",
    severity: "medium",
    difficulty: "intermediate",
    tags: ["injection", "database", "bloat"],
    duration_seconds: OPEN_ENDED,
    faults: [
      {
        service: "postgresql",
        recovery_seconds: 0,
        fixed_by: ["vacuum_table", "restart_postgres"],
        metrics: [
          { name: "pg_dead_tuples", value: 8000, baseline: 50, sigma: 6.0, pattern: "step", unit: "rows" },
          { name: "pg_live_tuples", value: 2000, baseline: 10_000, sigma: -5.0, pattern: "step", unit: "rows" },
        ],
      },
    ],
    context: { recent_deploys: [], feature_flags: [], postgres: { autovacuum: false, rows_inserted: 10_000, rows_deleted_percent: 80 } },
    expected_root_cause: "table_bloat",
    expected_action_types: ["vacuum_table"],
    clear: "VACUUM ANALYZE the bloated table.",
  },
  {
    id: "disk-full",
    kind: "injection",
    name: "Disk filling up",
    description: "Writes filler files until the disk is about 75 % used.",
    root_service: "disk",
    severity: "high",
    difficulty: "beginner",
    tags: ["injection", "storage"],
    duration_seconds: OPEN_ENDED,
    faults: [
      {
        service: "disk",
        recovery_seconds: 0,
        fixed_by: ["cleanup_old_logs"],
        metrics: [{ name: "disk_used_percent", value: 75, baseline: 20, sigma: 6.0, pattern: "step", unit: "%" }],
      },
    ],
    context: { recent_deploys: [], feature_flags: [] },
    expected_root_cause: "disk_full",
    expected_action_types: ["cleanup_old_logs"],
    clear: "Remove the filler files.",
  },
];

/** The failures the systems API knows, by system and by short name (`/systems/redis/trigger/memory`). */
export const failureAliases: Record<string, Record<string, string>> = {
  redis: { memory: "redis-memory", "redis-memory": "redis-memory" },
  postgresql: {
    connections: "postgres-connections",
    "postgres-connections": "postgres-connections",
    bloat: "postgres-bloat",
    "postgres-bloat": "postgres-bloat",
  },
  disk: { full: "disk-full", "disk-full": "disk-full" },
};

export const systemAliases: Record<string, string> = { redis: "redis", postgres: "postgresql", postgresql: "postgresql", disk: "disk" };
