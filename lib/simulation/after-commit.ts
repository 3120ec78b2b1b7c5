import { eq, sql } from "drizzle-orm";
import { simulations, type SimulationIncidentRef, type SimulationRow } from "@/db/schema";
import type { Database } from "@/db/client";
import { logger } from "@/lib/logger";
import { publish } from "@/lib/realtime/publish";
import { simulatorActor } from "./deliver";

const log = logger("simulation");

type Diagnose = (db: Database, actor: ReturnType<typeof simulatorActor>, incidentId: string) => Promise<unknown>;

/** The AI's diagnosis entry point (loaded lazily: model SDKs stay out of the tick's start-up). */
async function loadDiagnose(): Promise<Diagnose | undefined> {
  try {
    return (await import("@/lib/diagnosis/diagnose")).runDiagnosis;
  } catch {
    return undefined;
  }
}

function summarize(result: unknown): string | undefined {
  const r = result as { ok?: boolean; data?: { diagnosis?: { summary?: unknown } } } | undefined;
  const text = r?.ok ? r.data?.diagnosis?.summary : undefined;
  return typeof text === "string" ? text.slice(0, 1_000) : undefined;
}

/**
 * After a tick commits incidents a run opened: with auto_analyze, the root service's incident is
 * diagnosed (outside any transaction: the model may take seconds) and the outcome is recorded.
 */
export async function afterOpened(db: Database, row: SimulationRow, opened: SimulationIncidentRef[]): Promise<void> {
  if (!row.autoAnalyze || row.state.diagnosis) return;
  const target = opened.find((o) => o.service === row.rootService) ?? opened[0];
  const diagnose = await loadDiagnose();
  let diagnosis: NonNullable<SimulationRow["state"]["diagnosis"]>;
  if (!diagnose) {
    diagnosis = { status: "unavailable", incidentId: target.id, at: new Date().toISOString() };
  } else {
    try {
      const result = await diagnose(db, simulatorActor(row.workspaceId), target.id);
      const failed = (result as { ok?: boolean } | undefined)?.ok === false;
      diagnosis = { status: failed ? "failed" : "done", incidentId: target.id, summary: summarize(result), at: new Date().toISOString() };
    } catch (err) {
      log.error({ err, simulationId: row.id }, "auto-analysis failed");
      diagnosis = { status: "failed", incidentId: target.id, at: new Date().toISOString() };
    }
  }
  await db
    .update(simulations)
    .set({ state: sql`jsonb_set(${simulations.state}, '{diagnosis}', ${JSON.stringify(diagnosis)}::jsonb)` })
    .where(eq(simulations.id, row.id));
  await publish(simulatorActor(row.workspaceId), { type: "simulation.updated", simulationId: row.id, status: "diagnosed" });
}
