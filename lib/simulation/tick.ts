import { eq, getTableColumns, inArray, sql } from "drizzle-orm";
import { simulations, type SimulationRow, type SimulationState, type SimulationStatus } from "@/db/schema";
import type { Database } from "@/db/client";
import { logger } from "@/lib/logger";
import { publish } from "@/lib/realtime";
import { withJobLock } from "@/lib/scheduler/advisory-lock";
import { deliverBatch, simulatorActor, type Delivered } from "./deliver";
import { advanceRun, cachedDefinition, forgetWorld, worldOf, worldSettled, worldTimeAt, type Advance } from "./run-state";
import { afterOpened } from "./after-commit";
import { playRunConversation } from "./conversation";

const log = logger("simulation");

export const TICK_JOB = "simulation-tick";
/** A tick never moves a world more than this (a long pause resumes gradually, not in one leap). */
export const MAX_WORLD_STEP_MS = 15 * 60_000;

export type TickReport = {
  /** False when another instance held the tick lock (this one did nothing). */
  ran: boolean;
  advanced: number;
  finished: number;
  events: number;
  incidentsOpened: number;
  errors: number;
};

type Update = {
  row: SimulationRow;
  elapsed: number;
  state: SimulationState;
  status: SimulationStatus;
  ended: Date | null;
  delivered: Delivered;
  /** The conversation's last entry written this tick, announced after the commit. */
  said?: { incidentId: string; entryId: string } | null;
};

/**
 * Advances every running simulation to `now` under the tick's advisory lock (one ticker across all
 * instances): world math in memory, the runs' events through intake, then one batched write.
 * Realtime events and auto-analysis follow the commit.
 */
export async function tickSimulations(db: Database, options: { now?: Date; ids?: string[] } = {}): Promise<TickReport> {
  const now = options.now ?? new Date();
  const report: TickReport = { ran: false, advanced: 0, finished: 0, events: 0, incidentsOpened: 0, errors: 0 };
  const outcome = await withJobLock(db, TICK_JOB, async (tx) => {
    const filter = options.ids?.length ? inArray(simulations.id, options.ids) : undefined;
    // The scenario and topology snapshots are the heavy columns: read them only for worlds not cached.
    const { scenario: _s, topology: _t, ...light } = getTableColumns(simulations);
    const lightRows = await tx
      .select(light)
      .from(simulations)
      .where(filter ? sql`${simulations.status} = 'running' and ${filter}` : eq(simulations.status, "running"))
      .for("update");
    const missing = lightRows.filter((r) => !cachedDefinition(r)).map((r) => r.id);
    const heavy = new Map<string, { scenario: SimulationRow["scenario"]; topology: SimulationRow["topology"] }>();
    for (let i = 0; i < missing.length; i += 500) {
      const part = await tx
        .select({ id: simulations.id, scenario: simulations.scenario, topology: simulations.topology })
        .from(simulations)
        .where(inArray(simulations.id, missing.slice(i, i + 500)));
      for (const h of part) heavy.set(h.id, h);
    }
    const rows: SimulationRow[] = lightRows.map((r) => {
      const def = heavy.get(r.id) ?? (cachedDefinition(r) as unknown as { scenario: SimulationRow["scenario"]; topology: SimulationRow["topology"] });
      return { ...r, scenario: def.scenario, topology: def.topology };
    });
    const updates: Update[] = [];
    const advanced: { row: SimulationRow; elapsed: number; done: boolean; adv: Advance }[] = [];
    for (const row of rows) {
      try {
        const realStep = Math.max(0, now.getTime() - row.lastTickAt.getTime());
        // Already ticked up to now (by another instance just before us): nothing to do.
        if (realStep === 0) continue;
        const elapsed = worldTimeAt(row, now, MAX_WORLD_STEP_MS);
        const { world } = worldOf(row);
        // A run ends when nothing is left to happen: its script is over (or an action fixed it early)
        // and every fault has ended and recovered. Faults that persist keep it running, waiting for remediation.
        const done = (elapsed >= row.durationMs || row.state.interventions.length > 0) && worldSettled(world, elapsed);
        advanced.push({ row, elapsed, done, adv: advanceRun(row, elapsed, done ? { final: "completed" } : {}) });
      } catch (err) {
        updates.push(failed(row, err, now));
        report.errors++;
      }
    }
    // One intake call per workspace for all its runs' events.
    const byWorkspace = new Map<string, typeof advanced>();
    for (const a of advanced) byWorkspace.set(a.row.workspaceId, [...(byWorkspace.get(a.row.workspaceId) ?? []), a]);
    for (const [workspaceId, list] of byWorkspace) {
      const delivered = await deliverBatch(tx, workspaceId, list.map((a) => ({ row: a.row, events: a.adv.events })), now);
      for (const a of list) {
        const d = delivered.get(a.row.id)!;
        a.adv.state.incidents.push(...d.opened);
        report.events += a.adv.events.length;
        report.incidentsOpened += d.opened.length;
        // In a savepoint: a conversation that cannot play never holds up the drill itself.
        const said = await tx
          .transaction((sp) => playRunConversation(sp, a.row, a.adv.state, a.elapsed, a.done, now))
          .catch((err: unknown) => {
            log.warn({ err, simulationId: a.row.id }, "the drill's conversation could not play");
            return null;
          });
        updates.push({ row: a.row, elapsed: a.elapsed, state: a.adv.state, status: a.done ? "completed" : "running", ended: a.done ? now : null, delivered: d, said });
      }
    }
    if (updates.length) await writeBatch(tx, updates, now);
    return updates;
  });
  if (!outcome.ran) return report;
  report.ran = true;
  report.advanced = outcome.value.length;
  for (const u of outcome.value) {
    if (u.status !== "running") {
      report.finished++;
      forgetWorld(u.row.id);
    }
    const actor = simulatorActor(u.row.workspaceId);
    for (const inc of u.delivered.updated) await publish(actor, { type: "incident.updated", incidentId: inc.id, version: inc.version, fields: ["metadata", "severity"] });
    if (u.said) await publish(actor, { type: "incident.timeline", incidentId: u.said.incidentId, entryId: u.said.entryId });
    if (u.status !== "running" || u.delivered.opened.length > 0) await publish(actor, { type: "simulation.updated", simulationId: u.row.id, status: u.status });
    if (u.delivered.opened.length > 0) await afterOpened(db, u.row, u.delivered.opened);
  }
  return report;
}

function failed(row: SimulationRow, err: unknown, now: Date): Update {
  log.error({ err, simulationId: row.id }, "simulation tick failed");
  const state = { ...row.state, lastError: err instanceof Error ? err.message.slice(0, 500) : "tick failed" };
  return { row, elapsed: row.worldElapsedMs, state, status: "failed", ended: now, delivered: { opened: [], updated: [], attached: [] } };
}

/** One UPDATE for every run the tick advanced. */
async function writeBatch(tx: Database, updates: Update[], now: Date): Promise<void> {
  for (let i = 0; i < updates.length; i += 500) {
    const chunk = updates.slice(i, i + 500);
    const values = sql.join(
      chunk.map(
        (u) =>
          sql`(${u.row.id}::uuid, ${u.elapsed}::float8, ${JSON.stringify(u.state)}::jsonb, ${u.status}::text, ${u.ended ? u.ended.toISOString() : null}::timestamptz)`,
      ),
      sql`, `,
    );
    await tx.execute(sql`
      update simulations as s
         set world_elapsed_ms = v.elapsed, state = v.state, status = v.status, ended_at = v.ended,
             last_tick_at = ${now.toISOString()}::timestamptz, version = s.version + 1
        from (values ${values}) as v(id, elapsed, state, status, ended)
       where s.id = v.id`);
  }
}
