import { z } from "zod";
import type { ServiceKind } from "@/lib/topology";

/**
 * The action catalog: everything the SRE agent can ever do. A plan is made of these and nothing
 * else; a model's answer naming anything outside it is dropped, never run. Each action says what it
 * targets, its inherent risk (AIRRA's what-if table where it has one), whether it can be undone and
 * how, which parameters it takes, and the name the simulated world's faults know it by (`fixed_by`).
 */
export const actionIds = [
  "restart",
  "scale_out",
  "scale_in",
  "rollback_deployment",
  "toggle_feature_flag",
  "clear_cache",
  "kill_idle_connections",
  "vacuum_table",
  "cleanup_disk",
  "open_circuit_breaker",
  "enable_fallback",
  "rate_limit",
  "failover",
  "optimize_queries",
  "tune_connection_pool",
  "clear_redis_cache",
  "restart_redis",
  "restart_postgres",
] as const;
export type ActionId = (typeof actionIds)[number];

const allKinds: ServiceKind[] = ["service", "cache", "database", "queue", "storage", "external"];
const running: ServiceKind[] = ["service", "cache", "database", "queue", "external"];

export type ParamValue = string | number | boolean;

export type CatalogAction = {
  id: ActionId;
  label: string;
  description: string;
  /** The name the simulated world's faults list in `fixed_by`. */
  worldAction: string;
  /** Other names accepted for it (the world's own action names on the systems route). */
  aliases: string[];
  /** Service kinds it can target. */
  targets: ServiceKind[];
  /** Applies to the whole world rather than one service (a feature flag is global). */
  global?: boolean;
  /** 0–1 before the target's tier, blast radius and state are considered. */
  baseRisk: number;
  reversible: boolean;
  /** The action that undoes it, when reversible. */
  undo?: ActionId | "self";
  /** Destroys or moves stored data (a flush, a restart of a store, a failover): adds to the risk. */
  stateful: boolean;
  /** Parameters, with defaults; `coerce` because models and forms send strings. */
  params: z.ZodObject;
  effect: string;
};

const flagName = z.string().trim().min(1, "is required").max(120);

export const catalog: Record<ActionId, CatalogAction> = {
  restart: {
    id: "restart",
    label: "Restart",
    description: "Rolling restart of the target's pods, one at a time.",
    worldAction: "restart",
    aliases: ["restart_service", "restart_pod"],
    targets: running,
    baseRisk: 0.35,
    reversible: false,
    stateful: false,
    params: z.object({}),
    effect: "Fresh processes release leaked memory, stuck threads and bad connections; errors and latency fall back to baseline.",
  },
  scale_out: {
    id: "scale_out",
    label: "Scale out",
    description: "Adds replicas to the target.",
    worldAction: "scale",
    aliases: ["scale", "scale_up"],
    targets: ["service", "queue", "external"],
    baseRisk: 0.05,
    reversible: true,
    undo: "scale_in",
    stateful: false,
    params: z.object({ replicas: z.coerce.number().int("must be a whole number").min(1).max(100).optional() }),
    effect: "More capacity: CPU per pod and request queueing fall, consumers catch up.",
  },
  scale_in: {
    id: "scale_in",
    label: "Scale in",
    description: "Removes replicas from the target.",
    worldAction: "scale_in",
    aliases: ["scale_down"],
    targets: ["service", "queue", "external"],
    baseRisk: 0.25,
    reversible: true,
    undo: "scale_out",
    stateful: false,
    params: z.object({ replicas: z.coerce.number().int("must be a whole number").min(1).max(100).optional() }),
    effect: "Returns capacity no longer needed; the remaining pods carry the load.",
  },
  rollback_deployment: {
    id: "rollback_deployment",
    label: "Roll back deployment",
    description: "Redeploys the target's previous version.",
    worldAction: "rollback",
    aliases: ["rollback"],
    targets: ["service", "external"],
    baseRisk: 0.5,
    reversible: false,
    stateful: false,
    params: z.object({ from_version: z.string().trim().max(80).optional(), to_version: z.string().trim().max(80).optional() }),
    effect: "The change that introduced the failure is gone; the service behaves as before the deploy.",
  },
  toggle_feature_flag: {
    id: "toggle_feature_flag",
    label: "Toggle feature flag",
    description: "Turns a feature flag off (or on) everywhere.",
    worldAction: "flag_toggle",
    aliases: ["flag_toggle", "feature_flag"],
    targets: allKinds,
    global: true,
    baseRisk: 0.2,
    reversible: true,
    undo: "self",
    stateful: false,
    // "false" from a model or a form is false (z.coerce.boolean would make any non-empty string true).
    params: z.object({ flag: flagName, enabled: z.union([z.boolean(), z.stringbool()]).default(false) }),
    effect: "The code path behind the flag stops running; whatever it broke recovers.",
  },
  clear_cache: {
    id: "clear_cache",
    label: "Clear cache",
    description: "Drops the target's cached entries (they are rebuilt on demand).",
    worldAction: "clear_cache",
    aliases: [],
    targets: ["service", "cache", "external"],
    baseRisk: 0.1,
    reversible: false,
    stateful: false,
    params: z.object({}),
    effect: "Stale or poisoned entries are gone; the next requests rebuild them from the source.",
  },
  kill_idle_connections: {
    id: "kill_idle_connections",
    label: "Kill idle connections",
    description: "Terminates connections idle for longer than a minute (pg_terminate_backend).",
    worldAction: "kill_idle_connections",
    aliases: ["kill_connections", "terminate_idle_connections"],
    targets: ["database"],
    baseRisk: 0.2,
    reversible: false,
    stateful: false,
    params: z.object({ idle_seconds: z.coerce.number().int().min(10).max(3600).default(60) }),
    effect: "Connection slots held by idle clients are freed for the ones doing work.",
  },
  vacuum_table: {
    id: "vacuum_table",
    label: "Vacuum",
    description: "VACUUM ANALYZE: reclaims dead tuples and refreshes the planner's statistics.",
    worldAction: "vacuum_table",
    aliases: ["vacuum"],
    targets: ["database"],
    baseRisk: 0.15,
    reversible: false,
    stateful: false,
    params: z.object({ table: z.string().trim().max(120).optional() }),
    effect: "Dead tuples are reclaimed; scans and the bloat ratio return to normal.",
  },
  cleanup_disk: {
    id: "cleanup_disk",
    label: "Clean up disk",
    description: "Removes rotated logs and temporary files older than a week.",
    worldAction: "cleanup_old_logs",
    aliases: ["cleanup_old_logs"],
    targets: ["storage"],
    baseRisk: 0.15,
    reversible: false,
    stateful: false,
    params: z.object({ older_than_days: z.coerce.number().int().min(1).max(365).default(7) }),
    effect: "Disk usage drops back under the alert line; writes succeed again.",
  },
  open_circuit_breaker: {
    id: "open_circuit_breaker",
    label: "Open circuit breaker",
    description: "Stops calls from the target to a failing dependency; they fail fast instead of hanging.",
    worldAction: "circuit_breaker",
    aliases: ["circuit_breaker"],
    targets: ["service"],
    baseRisk: 0.2,
    reversible: true,
    undo: "self",
    stateful: false,
    params: z.object({ dependency: z.string().trim().max(120).optional() }),
    effect: "Threads stop waiting on timeouts; the service answers (degraded) instead of piling up.",
  },
  enable_fallback: {
    id: "enable_fallback",
    label: "Enable fallback",
    description: "Serves a degraded answer (cached, default or queued) instead of calling the failing path.",
    worldAction: "fallback",
    aliases: ["fallback"],
    targets: ["service"],
    baseRisk: 0.15,
    reversible: true,
    undo: "self",
    stateful: false,
    params: z.object({}),
    effect: "Callers get a usable answer while the failing path is out.",
  },
  rate_limit: {
    id: "rate_limit",
    label: "Rate-limit",
    description: "Caps the requests the target accepts per second; the excess gets 429.",
    worldAction: "rate_limit",
    aliases: ["ratelimit"],
    targets: ["service", "external"],
    baseRisk: 0.2,
    reversible: true,
    undo: "self",
    stateful: false,
    params: z.object({ requests_per_second: z.coerce.number().int().min(1).max(1_000_000).optional() }),
    effect: "Load stays within capacity: the requests admitted are served on time.",
  },
  failover: {
    id: "failover",
    label: "Fail over",
    description: "Promotes the target's replica and moves traffic to it.",
    worldAction: "failover",
    aliases: [],
    targets: ["database", "cache", "queue"],
    baseRisk: 0.7,
    reversible: true,
    undo: "self",
    stateful: true,
    params: z.object({}),
    effect: "Traffic moves off the failing primary; writes resume on the promoted replica.",
  },
  optimize_queries: {
    id: "optimize_queries",
    label: "Optimize queries",
    description: "Adds the missing index or rewrites the slow query the target runs.",
    worldAction: "database_optimization",
    aliases: ["database_optimization", "add_index"],
    targets: ["service", "database"],
    baseRisk: 0.4,
    reversible: true,
    undo: "self",
    stateful: false,
    params: z.object({ statement: z.string().trim().max(500).optional() }),
    effect: "Query time falls back to milliseconds; the connection pool drains.",
  },
  tune_connection_pool: {
    id: "tune_connection_pool",
    label: "Tune connection pool",
    description: "Resizes the target's database connection pool and its timeouts.",
    worldAction: "connection_pool_tuning",
    aliases: ["connection_pool_tuning"],
    targets: ["service"],
    baseRisk: 0.25,
    reversible: true,
    undo: "self",
    stateful: false,
    params: z.object({ pool_size: z.coerce.number().int().min(1).max(1000).optional() }),
    effect: "Requests stop queueing for a connection; latency returns to normal.",
  },
  clear_redis_cache: {
    id: "clear_redis_cache",
    label: "Flush Redis (FLUSHALL)",
    description: "Deletes every key of the target Redis. Everything cached is lost.",
    worldAction: "clear_redis_cache",
    aliases: ["flushall"],
    targets: ["cache"],
    baseRisk: 0.55,
    reversible: false,
    stateful: true,
    params: z.object({}),
    effect: "Memory is free again; callers miss until the cache warms up.",
  },
  restart_redis: {
    id: "restart_redis",
    label: "Restart Redis",
    description: "Restarts the target Redis; keys not persisted are lost.",
    worldAction: "restart_redis",
    aliases: [],
    targets: ["cache"],
    baseRisk: 0.45,
    reversible: false,
    stateful: true,
    params: z.object({}),
    effect: "A fresh Redis process with its memory released.",
  },
  restart_postgres: {
    id: "restart_postgres",
    label: "Restart PostgreSQL",
    description: "Restarts the target PostgreSQL server; every connection is dropped.",
    worldAction: "restart_postgres",
    aliases: [],
    targets: ["database"],
    baseRisk: 0.6,
    reversible: false,
    stateful: true,
    params: z.object({}),
    effect: "Every backend starts fresh: held connections and locks are released.",
  },
};

export function isActionId(value: string): value is ActionId {
  return (actionIds as readonly string[]).includes(value);
}

/** A catalog action by its id or one of its aliases (the world's names: `cleanup_old_logs`, `flag_toggle`…). */
export function findAction(name: string): CatalogAction | undefined {
  const n = name.trim().toLowerCase();
  if (isActionId(n)) return catalog[n];
  return Object.values(catalog).find((a) => a.aliases.includes(n));
}

/** Whether an action can target a service of this kind. */
export function appliesTo(action: CatalogAction, kind: ServiceKind): boolean {
  return action.targets.includes(kind);
}

const restartsOrFailsOver = new Set<ActionId>(["restart", "restart_redis", "restart_postgres", "failover"]);

/** Whether the action restarts or fails over a stateful store (cache, database, queue, storage): the admin veto's subject. */
export function restartsStatefulStore(action: CatalogAction, kind: ServiceKind): boolean {
  const store = kind === "cache" || kind === "database" || kind === "queue" || kind === "storage";
  return store && restartsOrFailsOver.has(action.id);
}
