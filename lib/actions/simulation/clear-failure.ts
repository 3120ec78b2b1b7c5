"use server";

import { clearFailure } from "@/lib/simulation";
import { mapResult } from "@/lib/result";
import { workspaceAction } from "@/lib/actions/define";

/** Clears a system's injected failures (flush, terminate idle connections, VACUUM, remove filler files). */
export const clearFailureAction = workspaceAction("simulation.clearFailure", async ({ db, actor }, system: string, failure?: string) =>
  mapResult(await clearFailure(db, actor, system, failure), (r) => ({ system: r.system, cleared: r.cleared.length })),
);
