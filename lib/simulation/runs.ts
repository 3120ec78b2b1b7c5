import { and, eq, sql } from "drizzle-orm";
import { simulations, type SimulationRow } from "@/db/schema";
import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/shared";
import { assertCan } from "@/lib/auth";
import { recordAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { publish } from "@/lib/realtime";
import { parseInput, toResult, type Result } from "@/lib/result";
import { realClock, type Clock } from "./clock";
import { deliverEvents, simulatorActor } from "./deliver";
import { healthChecks } from "./health";
import { randomSeed } from "./noise";
import { advanceRun, forgetWorld, initialState, MAX_AHEAD_MS, worldTimeAt } from "./run-state";
import { failureAliases, systemAliases } from "./scenarios/injections";
import { simulationIdSchema, startSimulationSchema, unknownServices, worldActionSchema, type Scenario } from "./schemas";
import { getScenario, getWorkspaceWorld } from "./store";
import { compileFaults, World } from "./world";

const log = logger("simulation");

/**
 * Starts a run of a scenario in its own world (a snapshot of the scenario and of the workspace's
 * topology), stored so that any instance can tick it and it survives restarts.
 */
export async function startSimulation(
  db: Database,
  actor: Actor,
  scenarioId: string,
  input: unknown = {},
  options: { clock?: Clock } = {},
): Promise<Result<SimulationRow>> {
  return toResult({ op: "simulation.startSimulation", actor }, async () => {
    assertCan(actor, "simulation:run");
    const params = parseInput(startSimulationSchema, input ?? {});
    const scenario = await getScenario(db, actor.workspaceId, scenarioId);
    const { source: _source, ...definition } = scenario;
    const { topology, threshold } = await getWorkspaceWorld(db, actor.workspaceId);
    const issues = unknownServices(definition, topology);
    if (issues.length) {
      throw new AppError("unprocessable:scenario", `This scenario does not fit the workspace's topology: ${issues.map((i) => `${i.path} ${i.message}`).join("; ")}`, { issues });
    }
    // World time runs ahead of the clock by duration × (1 − 1/speed); intake refuses events stamped
    // more than a day ahead, so a long run (an injection lasts up to 7 days) cannot be sped up much.
    const durationMs = definition.duration_seconds * 1000;
    if (durationMs * (1 - 1 / params.speed) > MAX_AHEAD_MS) {
      const maxSpeed = Math.floor((1 / (1 - MAX_AHEAD_MS / durationMs)) * 100) / 100;
      throw new AppError("unprocessable:input", `At ${params.speed}× this run's world time would run more than a day ahead of the clock; use a speed of at most ${maxSpeed}.`, {
        issues: [{ path: "speed", message: `must be at most ${maxSpeed} for a run of ${definition.duration_seconds} s` }],
      });
    }
    const seed = params.seed ?? randomSeed();
    const now = (options.clock ?? realClock).now();
    const state = initialState();
    const world = new World(topology, compileFaults(definition), seed);
    const checks = healthChecks(topology.services, world.snapshot(0));
    state.health = Object.fromEntries(checks.map((c) => [c.system, c.health]));
    state.details = Object.fromEntries(checks.filter((c) => c.health < 99).map((c) => [c.system, c.detail]));
    const row = await db.transaction(async (tx) => {
      const [inserted] = await tx
        .insert(simulations)
        .values({
          workspaceId: actor.workspaceId,
          scenarioId: definition.id,
          scenarioName: definition.name,
          kind: definition.kind,
          rootService: definition.root_service,
          scenario: definition as unknown as Record<string, unknown>,
          topology: topology as unknown as Record<string, unknown>,
          seed,
          speed: params.speed,
          autoAnalyze: params.auto_analyze,
          healthThreshold: threshold,
          status: "running",
          worldElapsedMs: 0,
          durationMs: definition.duration_seconds * 1000,
          state,
          startedAt: now,
          lastTickAt: now,
          createdByKind: actor.kind,
          createdById: actor.id,
          createdByName: actor.name,
        })
        .returning();
      await recordAudit(tx, actor, { action: "simulation.start", targetType: "simulation", targetId: inserted.id, data: { scenario: definition.id, speed: params.speed, seed } });
      return inserted;
    });
    await publish(actor, { type: "simulation.updated", simulationId: row.id, status: row.status });
    return row;
  });
}

async function lockRun(tx: Database, workspaceId: string, id: string): Promise<SimulationRow> {
  const parsed = simulationIdSchema.safeParse(id);
  if (!parsed.success) throw new AppError("not_found:simulation", "Simulation not found.");
  const [row] = await tx
    .select()
    .from(simulations)
    .where(and(eq(simulations.workspaceId, workspaceId), eq(simulations.id, id)))
    .for("update");
  if (!row) throw new AppError("not_found:simulation", "Simulation not found.");
  return row;
}

/**
 * Ends a run now: its faults stop (the world heals), systems it left failing report recovery
 * through intake, and it stops ticking. Stopping a finished run is a no-op that returns it.
 */
async function endRun(db: Database, actor: Actor, id: string, reason: "stopped" | "cleared", clock: Clock): Promise<SimulationRow> {
  const now = clock.now();
  const { row, opened } = await db.transaction(async (tx) => {
    const current = await lockRun(tx, actor.workspaceId, id);
    if (current.status !== "running") return { row: current, opened: 0 };
    // Catch the world up to now first, so what happened before the stop is not lost.
    const elapsed = worldTimeAt(current, now);
    const withStop = { ...current, state: { ...current.state, interventions: [...current.state.interventions, { atMs: elapsed, action: "stop", by: actor.name }] } };
    const adv = advanceRun(withStop, elapsed, { final: reason });
    const delivered = await deliverEvents(tx, current, adv.events, now);
    adv.state.incidents.push(...delivered.opened);
    const [updated] = await tx
      .update(simulations)
      .set({ status: "stopped", worldElapsedMs: elapsed, state: adv.state, endedAt: now, lastTickAt: now, version: sql`${simulations.version} + 1` })
      .where(eq(simulations.id, current.id))
      .returning();
    await recordAudit(tx, actor, { action: reason === "cleared" ? "simulation.clear" : "simulation.stop", targetType: "simulation", targetId: current.id, data: { world_ms: Math.round(elapsed) } });
    return { row: updated, opened: delivered.opened.length };
  });
  forgetWorld(row.id);
  await publish(actor, { type: "simulation.updated", simulationId: row.id, status: row.status });
  if (opened) log.info({ simulationId: row.id, opened }, "incidents opened while stopping");
  return row;
}

export async function stopSimulation(db: Database, actor: Actor, id: string, options: { clock?: Clock } = {}): Promise<Result<SimulationRow>> {
  return toResult({ op: "simulation.stopSimulation", actor }, async () => {
    assertCan(actor, "simulation:run");
    return endRun(db, actor, id, "stopped", options.clock ?? realClock);
  });
}

// ─── Failure injection (an incident-management simulator's /trigger and /clear) ─────────────────────────────

/** Resolves `/systems/{system}/trigger/{failure}` names (redis/memory, postgres/bloat, disk/full…). */
export function resolveFailure(system: string, failure?: string): { system: string; scenarioIds: string[] } {
  const sys = systemAliases[system.toLowerCase()];
  if (!sys) {
    throw new AppError("not_found:system", `Unknown system "${system}": use ${Object.keys(failureAliases).join(", ")}.`, { issues: [{ path: "system", message: "is not a system with failures" }] });
  }
  const known = failureAliases[sys];
  if (failure === undefined) return { system: sys, scenarioIds: [...new Set(Object.values(known))] };
  const id = known[failure.toLowerCase()];
  if (!id) {
    throw new AppError("not_found:failure", `Unknown failure "${failure}" for ${sys}: use ${Object.keys(known).filter((k) => !k.includes("-")).join(", ")}.`, {
      issues: [{ path: "failure", message: "is not a failure of this system" }],
    });
  }
  return { system: sys, scenarioIds: [id] };
}

/** Injects one of the four failures (redis memory, postgres connections or bloat, disk full); a failure already injected is a 409 until cleared. */
export async function triggerFailure(db: Database, actor: Actor, system: string, failure: string, input: unknown = {}, options: { clock?: Clock } = {}): Promise<Result<SimulationRow>> {
  return toResult({ op: "simulation.triggerFailure", actor }, async () => {
    assertCan(actor, "simulation:run");
    const { scenarioIds } = resolveFailure(system, failure);
    const [running] = await db
      .select({ id: simulations.id })
      .from(simulations)
      .where(and(eq(simulations.workspaceId, actor.workspaceId), eq(simulations.status, "running"), eq(simulations.scenarioId, scenarioIds[0])))
      .limit(1);
    if (running) {
      throw new AppError("conflict:failure", `${scenarioIds[0]} is already injected: clear it first.`, { details: { simulation_id: running.id } });
    }
    const started = await startSimulation(db, actor, scenarioIds[0], input, options);
    if (!started.ok) throw new AppError(started.code, started.error, { issues: started.issues });
    return started.data;
  });
}

/** Clears injected failures of a system (all of them, or one): flush / terminate / VACUUM / cleanup. */
export async function clearFailure(db: Database, actor: Actor, system: string, failure?: string, options: { clock?: Clock } = {}): Promise<Result<{ system: string; cleared: SimulationRow[] }>> {
  return toResult({ op: "simulation.clearFailure", actor }, async () => {
    assertCan(actor, "simulation:run");
    const resolved = resolveFailure(system, failure);
    const running = await db
      .select({ id: simulations.id, scenarioId: simulations.scenarioId })
      .from(simulations)
      .where(and(eq(simulations.workspaceId, actor.workspaceId), eq(simulations.status, "running"), eq(simulations.kind, "injection")));
    const cleared: SimulationRow[] = [];
    for (const r of running.filter((x) => resolved.scenarioIds.includes(x.scenarioId))) {
      cleared.push(await endRun(db, actor, r.id, "cleared", options.clock ?? realClock));
    }
    return { system: resolved.system, cleared };
  });
}

// ─── Remediation: actions change the world ────────────────────────────────────────────────────

/**
 * Applies a remediation (restart, rollback, scale, flag_toggle, clear_cache…) to a service in the
 * running worlds: faults whose `fixed_by` lists the action end now and their metrics recover over
 * the following ticks. The world's own tests drive it directly; the app acts only through the SRE
 * agent (a plan, an approval, `applyIntervention`, then verification), never through this.
 */
export async function applyWorldAction(db: Database, actor: Actor, input: unknown, options: { clock?: Clock } = {}): Promise<Result<{ healed: { simulation_id: string; faults: number }[] }>> {
  return toResult({ op: "simulation.applyWorldAction", actor }, async () => {
    assertCan(actor, "simulation:run");
    const data = parseInput(worldActionSchema, input);
    const now = (options.clock ?? realClock).now();
    const healed = await db.transaction(async (tx) => {
      const conds = [eq(simulations.workspaceId, actor.workspaceId), eq(simulations.status, "running")];
      if (data.simulation_id) conds.push(eq(simulations.id, data.simulation_id));
      const rows = await tx.select().from(simulations).where(and(...conds)).for("update");
      const out: { simulation_id: string; faults: number }[] = [];
      for (const row of rows) {
        const scenario = row.scenario as unknown as Scenario;
        const elapsed = worldTimeAt(row, now);
        const before = compileFaults(scenario, row.state.interventions);
        const intervention = { atMs: elapsed, action: data.action, service: data.service, by: actor.name };
        const after = compileFaults(scenario, [...row.state.interventions, intervention]);
        const ended = after.filter((f, i) => f.endMs < before[i].endMs).length;
        if (!ended) continue;
        await tx
          .update(simulations)
          .set({ state: { ...row.state, interventions: [...row.state.interventions, intervention] }, version: sql`${simulations.version} + 1` })
          .where(eq(simulations.id, row.id));
        await recordAudit(tx, actor, { action: "simulation.remediate", targetType: "simulation", targetId: row.id, data: { service: data.service, action: data.action, faults: ended } });
        out.push({ simulation_id: row.id, faults: ended });
      }
      return out;
    });
    for (const h of healed) {
      forgetWorld(h.simulation_id);
      await publish(actor, { type: "simulation.updated", simulationId: h.simulation_id, status: "running" });
    }
    return { healed };
  });
}

export { simulatorActor };
