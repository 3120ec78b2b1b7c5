import type { PlanStepRecord } from "@/db/schema/agent";
import type { ServiceSpec } from "@/lib/topology";
import { catalog, type ActionId, type CatalogAction, type ParamValue } from "./catalog";

type Params = Record<string, ParamValue>;
export type Now = Record<string, number>;

const MB = 1024 * 1024;
const fmt = (x: number | undefined, unit = "") => (x === undefined ? "unknown" : `${Math.abs(x) >= 100 ? Math.round(x) : Math.round(x * 10) / 10}${unit}`);

/**
 * Parameters with their defaults filled in from the target as it stands (replicas, request rate,
 * pool size), so that what a person approves is exactly what will run.
 */
export function completeParameters(action: CatalogAction, spec: Pick<ServiceSpec, "replicas">, now: Now, given: Params): Params {
  const p: Params = { ...given };
  switch (action.id) {
    case "scale_out":
      p.replicas ??= Math.max(spec.replicas + 2, Math.ceil(spec.replicas * 1.5));
      break;
    case "scale_in":
      p.replicas ??= Math.max(1, spec.replicas - 1);
      break;
    case "rate_limit":
      p.requests_per_second ??= Math.max(1, Math.round((now.http_requests_per_second ?? 200) * 0.8));
      break;
    case "tune_connection_pool":
      p.pool_size ??= 150;
      break;
    case "toggle_feature_flag":
      p.enabled ??= false;
      break;
  }
  return p;
}

/**
 * A dry run: what the step would change, from the target's current state, without doing it.
 * `now` is the target's metrics at the moment of planning (empty outside the simulated world).
 */
export function previewOf(action: CatalogAction, spec: Pick<ServiceSpec, "name" | "replicas">, params: Params, now: Now): PlanStepRecord["preview"] {
  const t = spec.name;
  const changes: PlanStepRecord["preview"]["changes"] = [];
  let summary: string;
  switch (action.id) {
    case "restart":
    case "restart_redis":
    case "restart_postgres":
      summary = `Restart ${t}: ${spec.replicas} pod${spec.replicas === 1 ? "" : "s"}, one at a time.`;
      changes.push({ what: "pods restarted", from: "0", to: String(spec.replicas) });
      if (now.memory_usage_percent !== undefined) changes.push({ what: "memory", from: fmt(now.memory_usage_percent, "%"), to: "back to baseline" });
      if (now.pg_connections_total !== undefined) changes.push({ what: "open connections", from: fmt(now.pg_connections_total), to: "0, then reconnecting" });
      break;
    case "scale_out":
    case "scale_in":
      summary = `${action.id === "scale_out" ? "Scale out" : "Scale in"} ${t} to ${params.replicas} replicas.`;
      changes.push({ what: "replicas", from: String(spec.replicas), to: String(params.replicas) });
      break;
    case "rollback_deployment":
      summary = `Redeploy ${t}'s previous version${params.from_version ? ` (undoing ${params.from_version})` : ""}.`;
      changes.push({ what: "deployed version", from: String(params.from_version ?? "current"), to: String(params.to_version ?? "previous") });
      break;
    case "toggle_feature_flag":
      summary = `Turn feature flag ${params.flag} ${params.enabled ? "on" : "off"} everywhere.`;
      changes.push({ what: `flag ${params.flag}`, from: params.enabled ? "off" : "on", to: params.enabled ? "on" : "off" });
      break;
    case "clear_cache":
      summary = `Drop ${t}'s cached entries; they are rebuilt on demand.`;
      changes.push({ what: "cached entries", from: "all", to: "none (rebuilt on demand)" });
      break;
    case "clear_redis_cache":
      summary = `FLUSHALL on ${t}: every key is deleted.`;
      changes.push({ what: "used memory", from: now.redis_used_memory_bytes !== undefined ? fmt(now.redis_used_memory_bytes / MB, " MB") : "unknown", to: "≈ 0 MB" });
      changes.push({ what: "keys", from: "all", to: "none" });
      break;
    case "kill_idle_connections":
      summary = `Terminate ${t}'s connections idle for more than ${params.idle_seconds ?? 60} s.`;
      changes.push({ what: "idle connections", from: fmt(now.pg_connections_idle), to: "0" });
      break;
    case "vacuum_table":
      summary = `VACUUM ANALYZE ${params.table ? `${params.table} on ` : ""}${t}.`;
      changes.push({ what: "dead tuples", from: fmt(now.pg_dead_tuples), to: "≈ 0" });
      break;
    case "cleanup_disk":
      summary = `Delete rotated logs and temporary files older than ${params.older_than_days ?? 7} days on ${t}.`;
      changes.push({ what: "disk used", from: fmt(now.disk_used_percent, "%"), to: "≈ 20%" });
      break;
    case "open_circuit_breaker":
      summary = `Open ${t}'s circuit breaker${params.dependency ? ` to ${params.dependency}` : ""}: calls fail fast.`;
      changes.push({ what: "circuit breaker", from: "closed", to: "open" });
      break;
    case "enable_fallback":
      summary = `Serve ${t}'s fallback answer instead of the failing path.`;
      changes.push({ what: "fallback", from: "off", to: "on" });
      break;
    case "rate_limit":
      summary = `Limit ${t} to ${params.requests_per_second} requests per second; the excess gets 429.`;
      changes.push({ what: "request limit", from: now.http_requests_per_second !== undefined ? `none (${fmt(now.http_requests_per_second, " req/s")} now)` : "none", to: `${params.requests_per_second} req/s` });
      break;
    case "failover":
      summary = `Promote ${t}'s replica and move traffic to it.`;
      changes.push({ what: "primary", from: t, to: `${t} replica` });
      break;
    case "optimize_queries":
      summary = `Apply the query fix on ${t}${params.statement ? `: ${params.statement}` : " (missing index / rewritten query)"}.`;
      changes.push({ what: "query plan", from: "slow", to: "indexed" });
      break;
    case "tune_connection_pool":
      summary = `Resize ${t}'s connection pool to ${params.pool_size}.`;
      changes.push({ what: "pool size", from: "current", to: String(params.pool_size) });
      break;
  }
  return { summary, changes };
}

/** The step that undoes a reversible step (null for the ones that cannot be undone). */
export function rollbackOf(action: CatalogAction, spec: Pick<ServiceSpec, "name" | "replicas">, params: Params): PlanStepRecord["rollback"] {
  if (!action.reversible || !action.undo) return null;
  const undo: ActionId = action.undo === "self" ? action.id : action.undo;
  const t = spec.name;
  switch (action.id) {
    case "scale_out":
    case "scale_in":
      return { action: undo, target: t, parameters: { replicas: spec.replicas }, description: `Scale ${t} back to ${spec.replicas} replicas.` };
    case "toggle_feature_flag":
      return { action: undo, target: t, parameters: { flag: params.flag, enabled: !params.enabled }, description: `Turn flag ${params.flag} ${params.enabled ? "off" : "on"} again.` };
    case "open_circuit_breaker":
      return { action: undo, target: t, parameters: params, description: `Close ${t}'s circuit breaker again.` };
    case "enable_fallback":
      return { action: undo, target: t, parameters: {}, description: `Turn ${t}'s fallback off again.` };
    case "rate_limit":
      return { action: undo, target: t, parameters: {}, description: `Remove the request limit on ${t}.` };
    case "failover":
      return { action: undo, target: t, parameters: {}, description: `Fail ${t} back to its original primary.` };
    case "optimize_queries":
      return { action: undo, target: t, parameters: params, description: `Revert the query change on ${t} (drop the index).` };
    case "tune_connection_pool":
      return { action: undo, target: t, parameters: {}, description: `Restore ${t}'s previous pool size.` };
    default:
      return { action: undo, target: t, parameters: {}, description: `Undo ${catalog[action.id].label.toLowerCase()} on ${t}.` };
  }
}
