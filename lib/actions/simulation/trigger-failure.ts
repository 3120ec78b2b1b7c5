"use server";

import { mapResult } from "@/lib/result";
import { simulationView } from "@/lib/simulation/shared";
import { triggerFailure } from "@/lib/simulation";
import { workspaceAction } from "@/lib/actions/define";

/** Injects a failure into a system of the simulated world (redis memory, postgres connections or bloat, disk full). */
export const triggerFailureAction = workspaceAction("simulation.triggerFailure", async ({ db, actor }, system: string, failure: string) =>
  mapResult(await triggerFailure(db, actor, system, failure), simulationView),
);
