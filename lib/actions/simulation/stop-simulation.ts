"use server";

import { getDb } from "@/db";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { toResult, type Result } from "@/lib/result";
import { stopSimulation } from "@/lib/simulation/runs";
import { serializeSimulation } from "@/lib/simulation/serialize";

/** Stops a run: faults end and the world heals. */
export async function stopSimulationAction(workspaceSlug: string, simulationId: string): Promise<Result<ReturnType<typeof serializeSimulation>>> {
  const db = await getDb();
  const actor = await toResult(() => getCurrentActor(db, { workspaceSlug }));
  if (!actor.ok) return actor;
  const r = await stopSimulation(db, actor.data, simulationId);
  return r.ok ? { ok: true, data: serializeSimulation(r.data) } : r;
}
