"use server";

import { deleteCustomScenario } from "@/lib/simulation";
import { workspaceAction } from "@/lib/actions/define";

/** Deletes a custom scenario (built-in ones cannot be deleted). */
export const deleteScenarioAction = workspaceAction("simulation.deleteScenario", ({ db, actor }, scenarioId: string) => deleteCustomScenario(db, actor, scenarioId));
