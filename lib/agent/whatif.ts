import type { SimulationRow, WhatIfRow } from "@/db/schema";
import { CHECK_INTERVAL_MS, checksFor, forecastWorld, type World } from "@/lib/simulation";
import type { ServiceSpec, Topology } from "@/lib/topology";
import type { CatalogAction } from "./catalog";
import { CONSECUTIVE_CHECKS } from "./checks";

export const WHAT_IF_SEEDS = 3;
/** How far ahead (world time) a candidate is simulated. */
export const WHAT_IF_HORIZON_MS = 10 * 60_000;

export type Candidate = { action: CatalogAction | null; spec: ServiceSpec; inPlan: boolean; riskScore: number; blastRadius: string[] };

function health(world: World, topology: Topology, system: string, t: number): number | undefined {
  const spec = topology.services.find((s) => s.name === system || `${s.name}-bloat` === system);
  const metrics = spec ? world.metricsAt(spec.name, t) : undefined;
  return spec && metrics ? checksFor(spec, metrics).find((c) => c.system === system)?.health : undefined;
}

/**
 * World ms from `t0` until `system` has been healthy for three consecutive checks and stays healthy
 * to the end of the horizon (a failure that swings back is not a recovery), or null.
 */
function recoveryMs(world: World, topology: Topology, system: string, threshold: number, t0: number, horizonMs: number): number | null {
  let streak = 0;
  let recovered: number | null = null;
  for (let i = Math.floor(t0 / CHECK_INTERVAL_MS) + 1; i * CHECK_INTERVAL_MS <= t0 + horizonMs; i++) {
    const t = i * CHECK_INTERVAL_MS;
    const h = health(world, topology, system, t);
    const ok = h !== undefined && h >= threshold;
    if (!ok && recovered !== null) return null;
    streak = ok ? streak + 1 : 0;
    if (streak >= CONSECUTIVE_CHECKS && recovered === null) recovered = t - t0;
  }
  return recovered;
}

/**
 * What-if: each candidate action is applied to a copy of the run's world at `t0` and the world is
 * simulated forward under a few seeds (the world is deterministic by seed, so this is a forecast of
 * this very world, noise included): how often the incident's system recovers within the horizon,
 * how long it takes on average and at worst, and how many of the target's unhealthy dependents
 * recover with it. Ranked by success, then recovery time, then risk. "Doing nothing" is a candidate.
 */
export function forecastCandidates(
  row: SimulationRow,
  candidates: Candidate[],
  ctx: { topology: Topology; incidentSystem: string; threshold: number; t0: number; seeds?: number; horizonMs?: number },
): WhatIfRow[] {
  const seeds = Array.from({ length: ctx.seeds ?? WHAT_IF_SEEDS }, (_, i) => row.seed + i);
  const horizon = ctx.horizonMs ?? WHAT_IF_HORIZON_MS;
  const rows = candidates.map((c) => {
    const interventions = c.action ? [{ atMs: ctx.t0, action: c.action.worldAction, service: c.action.global ? null : c.spec.name }] : [];
    const recoveries: (number | null)[] = [];
    let unhealthy = 0;
    let recovered = 0;
    seeds.forEach((seed, i) => {
      const world = forecastWorld(row, interventions, seed);
      recoveries.push(recoveryMs(world, ctx.topology, ctx.incidentSystem, ctx.threshold, ctx.t0, horizon));
      if (i === 0) {
        for (const dep of c.blastRadius) {
          const before = health(world, ctx.topology, dep, ctx.t0);
          if (before === undefined || before >= ctx.threshold) continue;
          unhealthy++;
          const after = health(world, ctx.topology, dep, ctx.t0 + horizon);
          if (after !== undefined && after >= ctx.threshold) recovered++;
        }
      }
    });
    const ok = recoveries.filter((r): r is number => r !== null);
    const result: Omit<WhatIfRow, "rank"> = {
      action: c.action?.id ?? "no_action",
      target: c.spec.name,
      in_plan: c.inPlan,
      success_probability: Math.round((ok.length / seeds.length) * 100) / 100,
      expected_recovery_seconds: ok.length ? Math.round(ok.reduce((a, b) => a + b, 0) / ok.length / 1000) : null,
      worst_recovery_seconds: ok.length === seeds.length ? Math.round(Math.max(...ok) / 1000) : null,
      dependents_unhealthy: unhealthy,
      dependents_recovered: recovered,
      risk_score: c.riskScore,
    };
    return result;
  });
  return rows
    .sort(
      (a, b) =>
        b.success_probability - a.success_probability ||
        (a.expected_recovery_seconds ?? Infinity) - (b.expected_recovery_seconds ?? Infinity) ||
        a.risk_score - b.risk_score ||
        a.action.localeCompare(b.action),
    )
    .map((r, i) => ({ ...r, rank: i + 1 }));
}
