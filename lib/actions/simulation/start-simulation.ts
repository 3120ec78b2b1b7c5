"use server";

import { getDb } from "@/db";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { toResult, type Result } from "@/lib/result";
import { startSimulation } from "@/lib/simulation/runs";
import type { StartSimulationInput } from "@/lib/simulation/schemas";
import { serializeSimulation } from "@/lib/simulation/serialize";

/** Starts a run of a scenario (one click on a card). */
export async function startSimulationAction(workspaceSlug: string, scenarioId: string, input: StartSimulationInput = {}): Promise<Result<ReturnType<typeof serializeSimulation>>> {
  const db = await getDb();
  const actor = await toResult(() => getCurrentActor(db, { workspaceSlug }));
  if (!actor.ok) return actor;
  const r = await startSimulation(db, actor.data, scenarioId, input);
  return r.ok ? { ok: true, data: serializeSimulation(r.data) } : r;
}
