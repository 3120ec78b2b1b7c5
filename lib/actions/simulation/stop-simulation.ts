"use server";

import { mapResult } from "@/lib/result";
import { simulationView } from "@/lib/simulation/shared";
import { stopSimulation } from "@/lib/simulation";
import { workspaceAction } from "@/lib/actions/define";

/** Stops a run: faults end and the world heals. */
export const stopSimulationAction = workspaceAction("simulation.stop", async ({ db, actor }, simulationId: string) =>
  mapResult(await stopSimulation(db, actor, simulationId), simulationView),
);
