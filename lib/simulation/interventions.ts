import { and, eq, inArray, sql } from "drizzle-orm";
import { simulations, type SimulationRow } from "@/db/schema";
import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/shared";
import { recordAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import { realClock } from "./clock";
import { CHECK_INTERVAL_MS, worldOf, worldTimeAt } from "./run-state";
import type { Scenario } from "./schemas";
import type { Topology } from "@/lib/topology";
import { compileFaults, World, type CompiledFault, type Intervention } from "./world";

export { CHECK_INTERVAL_MS };

/**
 * An action applied to a run's world at its current world time: faults whose `fixed_by` lists the
 * action (on `service`, or anywhere when `service` is null) end now and their metrics recover over
 * the following ticks. Runs inside the caller's transaction, holding the run's row lock; the caller
 * publishes `simulation.updated` after its commit. Only the SRE agent calls this: it is the one path
 * by which anything acts on a system.
 */
export async function applyIntervention(
  tx: Database,
  actor: Actor,
  change: { simulationId: string; service: string | null; action: string },
  now: Date = realClock.now(),
): Promise<{ worldMs: number; ended: { service: string; metrics: string[] }[] }> {
  const [row] = await tx
    .select()
    .from(simulations)
    .where(and(eq(simulations.workspaceId, actor.workspaceId), eq(simulations.id, change.simulationId)))
    .for("update");
  if (!row) throw new AppError("not_found:simulation", "Simulation not found.");
  if (row.status !== "running") throw new AppError("conflict:simulation", "This drill is no longer running: there is no world left to act on.");
  const scenario = row.scenario as unknown as Scenario;
  const worldMs = worldTimeAt(row, now);
  const before = compileFaults(scenario, row.state.interventions);
  const intervention = { atMs: worldMs, action: change.action, service: change.service, by: actor.name };
  const after = compileFaults(scenario, [...row.state.interventions, intervention]);
  const ended = after
    .map((f, i) => ({ f, was: before[i] }))
    .filter(({ f, was }) => f.endMs < was.endMs)
    .map(({ f }) => ({ service: f.service, metrics: f.metrics.map((m) => m.name) }));
  await tx
    .update(simulations)
    .set({ state: { ...row.state, interventions: [...row.state.interventions, intervention] }, version: sql`${simulations.version} + 1` })
    .where(eq(simulations.id, row.id));
  await recordAudit(tx, actor, {
    action: "simulation.remediate",
    targetType: "simulation",
    targetId: row.id,
    data: { service: change.service, action: change.action, faults: ended.length },
  });
  return { worldMs, ended };
}

/** A run's world as it stands (its record's interventions), with what the agent reads beside it. */
export type RunWorld = {
  row: SimulationRow;
  world: World;
  scenario: Scenario;
  topology: Topology;
  threshold: number;
  /** World time the last tick reached: checks read instants up to here. */
  tickedMs: number;
};

export function runWorld(row: SimulationRow): RunWorld {
  const { world, scenario, topology } = worldOf(row);
  return { row, world, scenario, topology, threshold: row.healthThreshold, tickedMs: row.worldElapsedMs };
}

/** The run's world with more interventions (a what-if), under another seed: a forecast on a copy. */
export function forecastWorld(row: SimulationRow, extra: Intervention[], seed: number): World {
  const { scenario, topology } = worldOf(row);
  return new World(topology, compileFaults(scenario, [...(row.state.interventions ?? []), ...extra]), seed);
}

/** Faults of the run active at world time `t` (started, not yet ended). */
export function activeFaultsAt(row: SimulationRow, t: number): CompiledFault[] {
  return worldOf(row).world.faults.filter((f) => f.endMs > f.startMs && t >= f.startMs && t < f.endMs);
}

/** A run of the workspace, if it exists. */
export async function findRun(db: Database, where: { workspaceId: string; id: string }): Promise<SimulationRow | undefined> {
  const [row] = await db
    .select()
    .from(simulations)
    .where(and(eq(simulations.workspaceId, where.workspaceId), eq(simulations.id, where.id)))
    .limit(1);
  return row;
}

/** Running runs of the workspace whose world has `service` (newest first). */
export async function runningRunsWith(db: Database, workspaceId: string, service: string): Promise<SimulationRow[]> {
  const rows = await db
    .select()
    .from(simulations)
    .where(and(eq(simulations.workspaceId, workspaceId), inArray(simulations.status, ["running"])))
    .orderBy(sql`${simulations.startedAt} desc`);
  return rows.filter((r) => ((r.topology as { services?: { name: string }[] }).services ?? []).some((s) => s.name === service));
}

/** The world time of a run at `now` (the real time since its last tick, times its speed). */
export function runWorldTime(row: SimulationRow, now: Date = realClock.now()): number {
  return worldTimeAt(row, now);
}

export type { Intervention };
