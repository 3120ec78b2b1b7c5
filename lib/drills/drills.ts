import { and, eq, sql } from "drizzle-orm";
import { drills, incidents, type Drill, type Incident, type SimulationRow } from "@/db/schema";
import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/shared";
import { assertCan } from "@/lib/auth";
import { recordAudit } from "@/lib/audit";
import { causesForRootCause } from "@/lib/diagnosis";
import { AppError } from "@/lib/errors";
import { resolveSlaPolicy } from "@/lib/incidents/shared";
import { parseInput, toResult, type Result } from "@/lib/result";
import { findRun, getScenario, listScenarios, manualClock, startSimulation, stopSimulation, triggerFailure } from "@/lib/simulation";
import { getWorkspaceById, listMembersOf } from "@/lib/workspaces";
import { debriefText, scoreDrill } from "./scoring";
import { acceptDiagnosisSchema, createDrillSchema, injectFaultSchema } from "./shared";

type Clock = ReturnType<typeof manualClock> | { now: () => Date };
const realNow: Clock = { now: () => new Date() };
const idSchemaOk = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

export async function findDrill(db: Database, workspaceId: string, id: string): Promise<Drill> {
  if (!idSchemaOk(id)) throw new AppError("not_found:drill", "Drill not found.");
  const [row] = await db.select().from(drills).where(and(eq(drills.workspaceId, workspaceId), eq(drills.id, id)));
  if (!row) throw new AppError("not_found:drill", "Drill not found.");
  return row;
}

/** A small deterministic pick (the same seed picks the same scenario). */
function pick<T>(items: T[], seed: number): T {
  return items[seed % items.length];
}

/** Creates a drill (planned): the scenario (or a random one of a difficulty), participants, speed, assistance. */
export async function createDrill(db: Database, actor: Actor, input: unknown): Promise<Result<Drill>> {
  return toResult({ op: "drills.create", actor }, async () => {
    assertCan(actor, "simulation:run");
    const data = parseInput(createDrillSchema, input ?? {});
    const previous = data.rerunOf ? await findDrill(db, actor.workspaceId, data.rerunOf) : null;
    const seed = data.seed ?? previous?.seed ?? Math.floor(Math.random() * 2 ** 31);
    let scenarioId = data.scenarioId ?? previous?.scenarioId;
    if (!scenarioId) {
      const pool = (await listScenarios(db, actor.workspaceId, { difficulty: data.difficulty, kind: "scenario" })).sort((a, b) => a.id.localeCompare(b.id));
      if (pool.length === 0) throw new AppError("unprocessable:difficulty", "No scenario of this difficulty.", { issues: [{ path: "difficulty", message: "has no scenario" }] });
      scenarioId = pick(pool, seed).id;
    }
    const scenario = await getScenario(db, actor.workspaceId, scenarioId).catch((e) => {
      throw new AppError("unprocessable:scenario", "Unknown scenario.", { issues: [{ path: "scenarioId", message: "is not a scenario of this workspace" }], cause: e });
    });
    if (scenario.kind !== "scenario") throw new AppError("unprocessable:scenario", "A drill runs a scenario, not an injection.", { issues: [{ path: "scenarioId", message: "is an injection" }] });
    const members = await listMembersOf(db, actor.workspaceId);
    const ids = data.participantIds ?? previous?.participants.map((p) => p.id) ?? [];
    const participants = ids.map((id) => {
      const m = members.find((x) => x.userId === id);
      if (!m) throw new AppError("unprocessable:participants", "A participant is not a member of this workspace.", { issues: [{ path: "participantIds", message: `${id} is not a member of this workspace` }] });
      return { id: m.userId, name: m.name };
    });
    const row = await db.transaction(async (tx) => {
      const [inserted] = await tx
        .insert(drills)
        .values({
          workspaceId: actor.workspaceId,
          title: data.title || (previous ? `${previous.title} (re-run)` : `Game day: ${scenario.name}`),
          scenarioId: scenario.id,
          scenarioName: scenario.name,
          difficulty: scenario.difficulty,
          expectedRootCause: scenario.expected_root_cause,
          expectedActions: scenario.expected_action_types,
          rootService: scenario.root_service,
          seed,
          speed: data.speed ?? previous?.speed ?? 10,
          aiAssistance: data.aiAssistance ?? previous?.aiAssistance ?? true,
          participants,
          rerunOf: previous?.id ?? null,
          createdByKind: actor.kind,
          createdById: actor.id,
          createdByName: actor.name,
        })
        .returning();
      await recordAudit(tx, actor, { action: "drill.create", targetType: "drill", targetId: inserted.id, data: { scenario: scenario.id, seed, rerun_of: previous?.id ?? null } });
      return inserted;
    });
    return row;
  });
}

/** Starts a planned drill: its scenario runs on its seed and speed; the incident comes through intake. */
export async function startDrill(db: Database, actor: Actor, id: string, options: { clock?: Clock } = {}): Promise<Result<Drill>> {
  return toResult({ op: "drills.start", actor }, async () => {
    assertCan(actor, "simulation:run");
    const drill = await findDrill(db, actor.workspaceId, id);
    if (drill.status !== "planned") throw new AppError("conflict:drill", `This drill is already ${drill.status}.`);
    const clock = options.clock ?? realNow;
    const started = await startSimulation(db, actor, drill.scenarioId, { seed: drill.seed, speed: drill.speed, auto_analyze: drill.aiAssistance }, { clock: clock as never });
    if (!started.ok) throw new AppError(started.code, started.error, { issues: started.issues });
    const row = await db.transaction(async (tx) => {
      const [updated] = await tx
        .update(drills)
        .set({ status: "running", simulationId: started.data.id, startedAt: clock.now(), version: sql`${drills.version} + 1` })
        .where(and(eq(drills.id, drill.id), eq(drills.status, "planned")))
        .returning();
      if (!updated) return null;
      await recordAudit(tx, actor, { action: "drill.start", targetType: "drill", targetId: drill.id, data: { simulation_id: started.data.id } });
      return updated;
    });
    if (!row) {
      // Someone started it first: this run is not the drill's.
      await stopSimulation(db, actor, started.data.id, { clock: clock as never });
      throw new AppError("conflict:drill", "This drill was started by someone else.");
    }
    return row;
  });
}

/** The drill's incident: the one its run opened on the root service (else its first). */
export async function drillIncident(db: Database, drill: Drill, run: SimulationRow | undefined): Promise<Incident | null> {
  const id = drill.incidentId ?? run?.state.incidents.find((i) => i.service === drill.rootService)?.id ?? run?.state.incidents[0]?.id;
  if (!id) return null;
  const [row] = await db.select().from(incidents).where(and(eq(incidents.workspaceId, drill.workspaceId), eq(incidents.id, id)));
  return row ?? null;
}

/** The participants accept a diagnosis (a hypothesis' cause): scored against the scenario's root cause at the end. */
export async function acceptDrillDiagnosis(db: Database, actor: Actor, id: string, input: unknown, options: { clock?: Clock } = {}): Promise<Result<Drill>> {
  return toResult({ op: "drills.acceptDiagnosis", actor }, async () => {
    assertCan(actor, "incident:write");
    const { cause } = parseInput(acceptDiagnosisSchema, input ?? {});
    const drill = await findDrill(db, actor.workspaceId, id);
    if (drill.status !== "running") throw new AppError("conflict:drill", "Diagnoses are accepted while the drill runs.");
    const run = drill.simulationId ? await findRun(db, { workspaceId: actor.workspaceId, id: drill.simulationId }) : undefined;
    const incident = await drillIncident(db, drill, run);
    if (!incident) throw new AppError("conflict:drill", "The drill's incident has not opened yet.");
    return db.transaction(async (tx) => {
      const [updated] = await tx
        .update(drills)
        .set({ acceptedCause: cause, acceptedAt: (options.clock ?? realNow).now(), acceptedByName: actor.name, incidentId: incident.id, version: sql`${drills.version} + 1` })
        .where(and(eq(drills.id, drill.id), eq(drills.status, "running")))
        .returning();
      if (!updated) throw new AppError("conflict:drill", "The drill has ended.");
      await recordAudit(tx, actor, { action: "drill.accept_diagnosis", targetType: "drill", targetId: drill.id, data: { cause } });
      return updated;
    });
  });
}

/** The facilitator injects a second fault (redis memory, postgres connections or bloat, disk full) into the drill. */
export async function injectDrillFault(db: Database, actor: Actor, id: string, input: unknown, options: { clock?: Clock } = {}): Promise<Result<Drill>> {
  return toResult({ op: "drills.inject", actor }, async () => {
    assertCan(actor, "simulation:run");
    const fault = parseInput(injectFaultSchema, input ?? {});
    const drill = await findDrill(db, actor.workspaceId, id);
    if (drill.status !== "running") throw new AppError("conflict:drill", "Faults are injected while the drill runs.");
    const clock = options.clock ?? realNow;
    const run = await triggerFailure(db, actor, fault.system, fault.failure, { speed: drill.speed, seed: drill.seed }, { clock: clock as never });
    if (!run.ok) throw new AppError(run.code, run.error, { issues: run.issues });
    return db.transaction(async (tx) => {
      const entry = { simulationId: run.data.id, system: fault.system, failure: fault.failure, at: clock.now().toISOString() };
      const [updated] = await tx
        .update(drills)
        .set({ injections: sql`${drills.injections} || ${JSON.stringify([entry])}::jsonb`, version: sql`${drills.version} + 1` })
        .where(eq(drills.id, drill.id))
        .returning();
      await recordAudit(tx, actor, { action: "drill.inject", targetType: "drill", targetId: drill.id, data: { ...fault, simulation_id: run.data.id } });
      return updated;
    });
  });
}

/**
 * Ends a running drill: reads the world as the participants left it (health before the end heals
 * it), stops its runs, scores it and writes the debrief, in one update of the drill.
 */
export async function endDrill(db: Database, actor: Actor, id: string, options: { clock?: Clock } = {}): Promise<Result<Drill>> {
  return toResult({ op: "drills.end", actor }, async () => {
    assertCan(actor, "simulation:run");
    const drill = await findDrill(db, actor.workspaceId, id);
    if (drill.status === "ended") return drill;
    if (drill.status !== "running") throw new AppError("conflict:drill", "This drill has not started.");
    const clock = options.clock ?? realNow;
    const run = drill.simulationId ? await findRun(db, { workspaceId: actor.workspaceId, id: drill.simulationId }) : undefined;
    const healthy = !!run && (run.status === "completed" || !run.state.unhealthy.includes(drill.rootService));
    const interventions = run?.state.interventions ?? [];
    for (const sim of [drill.simulationId, ...drill.injections.map((i) => i.simulationId)]) {
      if (!sim) continue;
      const stopped = await stopSimulation(db, actor, sim, { clock: clock as never });
      if (!stopped.ok && stopped.code !== "not_found:simulation") throw new AppError(stopped.code, stopped.error);
    }
    const incident = await drillIncident(db, drill, run);
    const workspace = await getWorkspaceById(db, actor.workspaceId);
    const endedAt = clock.now();
    const score = scoreDrill({
      expectedActions: drill.expectedActions,
      acceptedCauses: causesForRootCause(drill.expectedRootCause),
      rootService: drill.rootService,
      incident,
      acceptedCause: drill.acceptedCause,
      acceptedAt: drill.acceptedAt,
      actions: interventions,
      healthy: healthy && !!incident,
      policy: resolveSlaPolicy(workspace?.settings),
      endedAt,
    });
    return db.transaction(async (tx) => {
      const [updated] = await tx
        .update(drills)
        .set({
          status: "ended",
          endedAt,
          incidentId: incident?.id ?? null,
          score,
          totalScore: score.total,
          debrief: debriefText(score, drill.scenarioName),
          version: sql`${drills.version} + 1`,
        })
        .where(and(eq(drills.id, drill.id), eq(drills.status, "running")))
        .returning();
      if (!updated) return findDrill(tx, actor.workspaceId, drill.id);
      await recordAudit(tx, actor, { action: "drill.end", targetType: "drill", targetId: drill.id, data: { total: score.total } });
      return updated;
    });
  });
}
