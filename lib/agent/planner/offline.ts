import { canonicalService } from "@/lib/topology";
import { catalog, type ActionId } from "../catalog";
import type { PlanAnswer } from "./answer";
import type { PlanData } from "./data";

/**
 * The offline planner: a deterministic SRE that needs no network. It turns the diagnosis' top
 * hypothesis and its recommended mitigations and fixes into catalog actions, and picks each target
 * from the signals (the flag changed just before the failure, the version deployed, the database or
 * cache the service depends on). It never looks at the simulated world's answers (`fixed_by`): the
 * eval measures how often its reading of the diagnosis is right.
 */
const fromDiagnosis: Record<string, ActionId> = {
  restart: "restart",
  scale: "scale_out",
  rollback: "rollback_deployment",
  rate_limit: "rate_limit",
  circuit_breaker: "open_circuit_breaker",
  fallback: "enable_fallback",
  toggle_feature_flag: "toggle_feature_flag",
  clear_cache: "clear_cache",
  database_optimization: "optimize_queries",
  connection_pool_tuning: "tune_connection_pool",
  kill_connections: "kill_idle_connections",
  vacuum: "vacuum_table",
  failover: "failover",
  cleanup_disk: "cleanup_disk",
};

export const MAX_OFFLINE_STEPS = 3;

type Service = PlanData["services"][number];
type Step = PlanAnswer["steps"][number];

function serviceOf(data: PlanData, name: string | undefined): Service | undefined {
  if (!name) return undefined;
  const c = canonicalService(name);
  return data.services.find((s) => s.name === name) ?? data.services.find((s) => canonicalService(s.name) === c);
}

/** The nearest dependency of `from` (breadth first) of one of `kinds`. */
function nearestDependency(data: PlanData, from: string, kinds: string[]): Service | undefined {
  const seen = new Set<string>();
  let frontier = [from];
  while (frontier.length) {
    const next: string[] = [];
    for (const name of frontier) {
      for (const dep of serviceOf(data, name)?.depends_on ?? []) {
        if (seen.has(dep)) continue;
        seen.add(dep);
        const s = serviceOf(data, dep);
        if (s && kinds.includes(s.kind)) return s;
        next.push(dep);
      }
    }
    frontier = next;
  }
  return undefined;
}

/** The flag most likely behind the failure: enabled, changed most recently, naming the service if one does. */
function suspectFlag(data: PlanData): PlanData["feature_flags"][number] | undefined {
  const flags = data.feature_flags.filter((f) => f.enabled !== false);
  const service = canonicalService(data.incident.service).replace(/-/g, "");
  const mentions = (f: PlanData["feature_flags"][number]) => `${f.name} ${f.description ?? ""}`.toLowerCase().replace(/[-_\s]/g, "").includes(service);
  return [...flags].sort((a, b) => Number(mentions(b)) - Number(mentions(a)) || (a.minutes_ago ?? 1e9) - (b.minutes_ago ?? 1e9))[0];
}

function suspectDeploy(data: PlanData): PlanData["deploys"][number] | undefined {
  const service = canonicalService(data.incident.service);
  return [...data.deploys]
    .filter((d) => !d.service || canonicalService(d.service) === service)
    .filter((d) => d.minutes_ago === undefined || d.minutes_ago <= 24 * 60)
    .sort((a, b) => (a.minutes_ago ?? 1e9) - (b.minutes_ago ?? 1e9))[0];
}

function externalDependency(data: PlanData): string | undefined {
  const note = data.context_notes.find((n) => /external_dependency|dependency/i.test(n));
  const name = note ? /"name"\s*:\s*"([^"]+)"/.exec(note)?.[1] : undefined;
  return name;
}

/** Where an action lands, and with which parameters; undefined when the signals give it nothing to act on. */
function placement(data: PlanData, id: ActionId): { target: string; parameters: { name: string; value: string }[]; why?: string; refs: string[] } | undefined {
  const incident = serviceOf(data, data.incident.service);
  const self = incident?.name ?? data.incident.service;
  const kind = incident?.kind ?? "service";
  const on = (s: Service | undefined) => s?.name;
  switch (id) {
    case "toggle_feature_flag": {
      const flag = suspectFlag(data);
      if (!flag) return undefined;
      const when = flag.minutes_ago !== undefined ? `, changed ${flag.minutes_ago} min before the failure` : "";
      return { target: self, parameters: [{ name: "flag", value: flag.name }, { name: "enabled", value: "false" }], why: `Flag ${flag.name} is on${when}.`, refs: [flag.name] };
    }
    case "rollback_deployment": {
      const deploy = suspectDeploy(data);
      if (!deploy) return undefined;
      const when = deploy.minutes_ago !== undefined ? ` ${deploy.minutes_ago} min ago` : "";
      return {
        target: on(serviceOf(data, deploy.service)) ?? self,
        parameters: [{ name: "from_version", value: deploy.version }],
        why: `${deploy.version} was deployed${when}${deploy.description ? ` (${deploy.description})` : ""}.`,
        refs: [deploy.version],
      };
    }
    case "kill_idle_connections":
    case "vacuum_table":
    case "failover": {
      const db = kind === "database" ? incident : nearestDependency(data, self, ["database"]);
      return db ? { target: db.name, parameters: [], refs: [] } : undefined;
    }
    case "cleanup_disk": {
      const disk = kind === "storage" ? incident : nearestDependency(data, self, ["storage"]);
      return disk ? { target: disk.name, parameters: [], refs: [] } : undefined;
    }
    case "clear_cache": {
      if (kind === "external") return { target: self, parameters: [], refs: [] };
      const cache = nearestDependency(data, self, ["cache"]);
      return { target: cache?.name ?? self, parameters: [], refs: [] };
    }
    case "open_circuit_breaker": {
      const dependency = externalDependency(data);
      return { target: self, parameters: dependency ? [{ name: "dependency", value: dependency }] : [], refs: dependency ? [dependency] : [] };
    }
    default:
      return { target: self, parameters: [], refs: [] };
  }
}

export function planOffline(data: PlanData): PlanAnswer {
  const d = data.diagnosis;
  if (!d || d.abstained || d.hypotheses.length === 0) {
    return { summary: "No cause is supported by the signals yet, so no action is proposed: gather more evidence first.", steps: [] };
  }
  const top = d.hypotheses[0];
  const evidence = top.evidence.map((e) => e.ref).filter(Boolean).slice(0, 4);
  const because = top.evidence
    .slice(0, 2)
    .map((e) => e.detail)
    .join("; ");
  const steps: Step[] = [];
  const seen = new Set<string>();
  const leftToPeople: string[] = [];
  for (const rec of d.recommended_actions) {
    if (rec.kind === "verification") continue;
    let id: ActionId | undefined = fromDiagnosis[rec.type];
    if (!id) {
      if (rec.type !== "investigate" && rec.type !== "verify") leftToPeople.push(rec.step);
      continue;
    }
    if (data.blocked_actions.includes(id)) continue;
    const where = placement(data, id);
    if (!where) continue;
    // Clearing a Redis cache is a flush: the Redis-specific action says so (and carries its risk).
    if (id === "clear_cache" && serviceOf(data, where.target)?.kind === "cache") id = "clear_redis_cache";
    if (data.blocked_actions.includes(id)) continue;
    const target = serviceOf(data, where.target);
    if (target && !catalog[id].targets.includes(target.kind as never)) continue;
    const key = `${id}@${where.target}`;
    if (seen.has(key)) continue;
    seen.add(key);
    steps.push({
      action: id,
      target: where.target,
      parameters: where.parameters,
      rationale: `${rec.kind === "mitigation" ? "Mitigation" : "Fix"} for "${top.title}" (confidence ${Math.round(top.confidence * 100)} %): ${because}.${where.why ? ` ${where.why}` : ""} ${rec.step}`.slice(0, 600),
      evidence: [...new Set([...where.refs, ...evidence])].slice(0, 6),
      expected_effect: catalog[id].effect,
    });
    if (steps.length >= MAX_OFFLINE_STEPS) break;
  }
  const labels = steps.map((s) => `${catalog[s.action].label.toLowerCase()} ${s.target}${s.action === "toggle_feature_flag" ? ` (${s.parameters[0]?.value})` : ""}`);
  const summary = steps.length
    ? `${top.title}: ${labels.join(", then ")}.${leftToPeople.length ? ` Outside the catalog, for people: ${leftToPeople.join(" ")}` : ""}`
    : `${top.title}: no action of the catalog fits this cause.${leftToPeople.length ? ` For people: ${leftToPeople.join(" ")}` : ""}`;
  return { summary: summary.slice(0, 600), steps };
}
