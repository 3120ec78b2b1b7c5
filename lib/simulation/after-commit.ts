import { eq, sql } from "drizzle-orm";
import { simulations, type SimulationIncidentRef, type SimulationRow } from "@/db/schema";
import type { Database } from "@/db/client";
import { logger } from "@/lib/logger";
import { publish } from "@/lib/realtime";
import { simulatorActor } from "./deliver";

const log = logger("simulation");

/** The diagnosis' entry point, loaded on first use so the model SDKs stay out of the tick's start-up. */
async function loadDiagnose() {
  return (await import("@/lib/diagnosis")).runDiagnosis;
}

/**
 * After a tick commits incidents a run opened: with auto_analyze, the root service's incident is
 * diagnosed (outside any transaction: the model may take seconds) and the outcome is recorded.
 */
export async function afterOpened(db: Database, row: SimulationRow, opened: SimulationIncidentRef[]): Promise<void> {
  if (!row.autoAnalyze || row.state.diagnosis) return;
  const target = opened.find((o) => o.service === row.rootService) ?? opened[0];
  let diagnosis: NonNullable<SimulationRow["state"]["diagnosis"]>;
  try {
    const result = await (await loadDiagnose())(db, simulatorActor(row.workspaceId), target.id);
    diagnosis = result.ok
      ? { status: "done", incidentId: target.id, summary: result.data.diagnosis.summary.slice(0, 1_000), at: new Date().toISOString() }
      : { status: "failed", incidentId: target.id, at: new Date().toISOString() };
  } catch (err) {
    log.error({ err, simulationId: row.id }, "auto-analysis failed");
    diagnosis = { status: "failed", incidentId: target.id, at: new Date().toISOString() };
  }
  await db
    .update(simulations)
    .set({ state: sql`jsonb_set(${simulations.state}, '{diagnosis}', ${JSON.stringify(diagnosis)}::jsonb)` })
    .where(eq(simulations.id, row.id));
  await publish(simulatorActor(row.workspaceId), { type: "simulation.updated", simulationId: row.id, status: "diagnosed" });
}
