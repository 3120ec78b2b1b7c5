"use server";

import type { StartSimulationInput } from "@/lib/simulation/schemas";
import { mapResult } from "@/lib/result";
import { simulationView } from "@/lib/simulation/serialize";
import { startSimulation } from "@/lib/simulation/runs";
import { workspaceAction } from "@/lib/actions/define";

/** Starts a run of a scenario (one click on a card). */
export const startSimulationAction = workspaceAction("simulation.start", async ({ db, actor }, scenarioId: string, input: StartSimulationInput = {}) =>
  mapResult(await startSimulation(db, actor, scenarioId, input), simulationView),
);
