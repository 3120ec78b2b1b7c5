"use server";

import { saveCustomScenario } from "@/lib/simulation";
import { workspaceAction } from "@/lib/actions/define";

/** Saves a custom scenario from the builder (validated against the format and the topology). */
export const saveScenarioAction = workspaceAction("simulation.saveScenario", ({ db, actor }, definition: unknown) => saveCustomScenario(db, actor, definition));
