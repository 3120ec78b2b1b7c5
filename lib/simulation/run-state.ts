import type { SimulationRow, SimulationState } from "@/db/schema";
import type { EventInput } from "@/lib/intake/shared";
import { healthChecks, type HealthCheck } from "./health";
import type { Scenario } from "./schemas";
import type { Topology } from "@/lib/topology";
import { compileFaults, World, type Intervention } from "./world";

/** Health checks run every 5 s of world time, like the incident-management simulator's monitor. */
export const CHECK_INTERVAL_MS = 5_000;
/** A tick that skips many check instants (high speed, a restart) evaluates only the latest few. */
export const MAX_CHECKS_PER_TICK = 5;
/**
 * Once a run's incident is open for a system, a still-failing check re-notifies every 5 minutes of
 * world time instead of every check (like an alert's repeat interval): the incident keeps
 * collecting evidence without drowning intake.
 */
export const RENOTIFY_CHECKS = 60;

/** How far ahead of the clock world time may run (intake accepts events up to a day ahead). */
export const MAX_AHEAD_MS = 23 * 3_600_000;

/**
 * A run's world time at `now`: where the last tick left it plus the real time since, times the
 * speed (at most `maxStepMs` at once), never more than MAX_AHEAD_MS ahead of the clock. A run whose
 * script has ended keeps its clock going while it waits for remediation.
 */
export function worldTimeAt(
  row: Pick<SimulationRow, "worldElapsedMs" | "lastTickAt" | "startedAt" | "speed">,
  now: Date,
  maxStepMs = Infinity,
): number {
  const step = Math.min(maxStepMs, Math.max(0, now.getTime() - row.lastTickAt.getTime()) * row.speed);
  const ceiling = now.getTime() - row.startedAt.getTime() + MAX_AHEAD_MS;
  return Math.max(row.worldElapsedMs, Math.min(row.worldElapsedMs + step, ceiling));
}

export function initialState(): SimulationState {
  return { health: {}, details: {}, unhealthy: [], checkIndex: 0, interventions: [], incidents: [], eventsEmitted: 0 };
}

type Loaded = { key: string; world: World; scenario: Scenario; topology: Topology };
const cache = new Map<string, Loaded>();

/**
 * The world of a run, rebuilt from its record (scenario and topology snapshots, seed,
 * interventions) and cached while its interventions do not change.
 */
export function worldOf(row: Pick<SimulationRow, "id" | "scenario" | "topology" | "seed" | "state">): Loaded {
  const interventions = (row.state.interventions ?? []) as Intervention[];
  const key = `${row.seed}:${interventions.length}`;
  const hit = cache.get(row.id);
  if (hit && hit.key === key) return hit;
  // Snapshots were validated when the run started; they are trusted here to keep ticks cheap.
  const scenario = row.scenario as unknown as Scenario;
  const topology = row.topology as unknown as Topology;
  const loaded = { key, scenario, topology, world: new World(topology, compileFaults(scenario, interventions), row.seed) };
  if (cache.size > 1_000) cache.delete(cache.keys().next().value!);
  cache.set(row.id, loaded);
  return loaded;
}

/** The cached scenario and topology of a run, if its world is cached and current (ticks then skip reading them). */
export function cachedDefinition(row: Pick<SimulationRow, "id" | "seed" | "state">): { scenario: Scenario; topology: Topology } | undefined {
  const hit = cache.get(row.id);
  return hit && hit.key === `${row.seed}:${(row.state.interventions ?? []).length}` ? hit : undefined;
}

export function forgetWorld(id: string): void {
  cache.delete(id);
}

/** Whether every fault has ended and finished recovering by world time `t` (nothing left to happen). */
export function worldSettled(world: World, t: number): boolean {
  return world.faults.every((f) => f.endMs <= f.startMs || t >= f.endMs + f.recoveryMs);
}

export type SimEvent = EventInput & { timestamp: string; attributes: Record<string, unknown> };

export type Advance = {
  state: SimulationState;
  events: SimEvent[];
  checks: HealthCheck[] | null;
};

/** Rounded health of every check, for the strip and the run's record. */
function record(state: SimulationState, checks: HealthCheck[]): void {
  state.health = Object.fromEntries(checks.map((c) => [c.system, c.health]));
  // Details only where something is wrong: the quiet world supplies the rest (keeps each row small).
  state.details = Object.fromEntries(checks.filter((c) => c.health < 99).map((c) => [c.system, c.detail]));
}

function fingerprint(simulationId: string, system: string): string {
  return `sim:${simulationId}:${system}`;
}

/**
 * Advances a run's world from its last check to world time `toMs`: evaluates the check instants
 * crossed (at most the latest five), and turns each check below the threshold into an error event
 * (critical below half the threshold) and each return above it into a recovery event. Events carry
 * world time, so the intake's 5-minute window is 5 simulated minutes.
 */
export function advanceRun(
  row: Pick<SimulationRow, "id" | "scenario" | "scenarioId" | "topology" | "seed" | "state" | "startedAt" | "healthThreshold">,
  toMs: number,
  options: { final?: "completed" | "stopped" | "cleared" } = {},
): Advance {
  const { world, topology } = worldOf(row);
  const state: SimulationState = { ...row.state, unhealthy: [...row.state.unhealthy], incidents: [...row.state.incidents] };
  const threshold = row.healthThreshold;
  const unhealthy = new Set(state.unhealthy);
  const events: SimEvent[] = [];
  const start = row.startedAt.getTime();
  const lastIndex = state.checkIndex;
  const newIndex = Math.floor(toMs / CHECK_INTERVAL_MS);
  const instants: number[] = [];
  for (let i = Math.max(lastIndex + 1, newIndex - MAX_CHECKS_PER_TICK + 1); i <= newIndex; i++) instants.push(i * CHECK_INTERVAL_MS);
  if (options.final && instants.at(-1) !== toMs && toMs > lastIndex * CHECK_INTERVAL_MS) instants.push(toMs);
  let checks: HealthCheck[] | null = null;
  const lastSent: Record<string, number> = { ...(state.lastSent ?? {}) };
  const opened = new Set(state.incidents.map((i) => i.system));
  const attrs = (c: HealthCheck, t: number) => ({
    simulation_id: row.id,
    scenario_id: row.scenarioId,
    system: c.system,
    check: c.check,
    health: c.health,
    threshold,
    world_ms: Math.round(t),
  });
  for (const t of instants) {
    checks = healthChecks(topology.services, world.snapshot(t));
    const timestamp = new Date(start + t).toISOString();
    const index = Math.floor(t / CHECK_INTERVAL_MS);
    for (const c of checks) {
      if (c.health < threshold) {
        unhealthy.add(c.system);
        const last = lastSent[c.system];
        if (opened.has(c.system) && last !== undefined && index - last < RENOTIFY_CHECKS) continue;
        lastSent[c.system] = index;
        events.push({
          service: c.service,
          level: c.health < threshold / 2 ? "CRITICAL" : "ERROR",
          message: `${c.detail}; health ${c.health}% (threshold ${threshold}%)${c.system !== c.service ? ` [${c.system}]` : ""}`,
          timestamp,
          fingerprint: fingerprint(row.id, c.system),
          attributes: attrs(c, t),
        });
      } else if (unhealthy.delete(c.system)) {
        delete lastSent[c.system];
        events.push({
          service: c.service,
          level: "INFO",
          message: `recovered: ${c.detail}; health ${c.health}% (threshold ${threshold}%)`,
          timestamp,
          fingerprint: fingerprint(row.id, c.system),
          attributes: { ...attrs(c, t), recovered: true },
        });
      }
    }
    record(state, checks);
  }
  if (options.final) {
    // The run is over: its faults are gone, so what was still failing is reported as recovered.
    const reason = { completed: "scenario ended", stopped: "simulation stopped", cleared: "failure cleared" }[options.final];
    const timestamp = new Date(start + toMs).toISOString();
    for (const system of unhealthy) {
      const service = topology.services.find((s) => s.name === system || `${s.name}-bloat` === system)?.name ?? system;
      events.push({
        service,
        level: "INFO",
        message: `recovered: ${reason}`,
        timestamp,
        fingerprint: fingerprint(row.id, system),
        attributes: { simulation_id: row.id, scenario_id: row.scenarioId, system, recovered: true, reason, world_ms: Math.round(toMs) },
      });
    }
    unhealthy.clear();
  }
  state.unhealthy = [...unhealthy];
  state.lastSent = lastSent;
  state.checkIndex = Math.max(lastIndex, newIndex);
  state.eventsEmitted += events.length;
  return { state, events, checks };
}
