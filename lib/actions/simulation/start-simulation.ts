"use server";

import type { StartSimulationInput } from "@/lib/simulation/shared";
import { mapResult } from "@/lib/result";
import { simulationView } from "@/lib/simulation/shared";
import { startSimulation } from "@/lib/simulation";
import { workspaceAction } from "@/lib/actions/define";

/** Starts a run of a scenario (one click on a card). */
export const startSimulationAction = workspaceAction("simulation.start", async ({ db, actor }, scenarioId: string, input: StartSimulationInput = {}) =>
  mapResult(await startSimulation(db, actor, scenarioId, input), simulationView),
);
