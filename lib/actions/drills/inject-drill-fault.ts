"use server";

import { injectDrillFault } from "@/lib/drills";
import { mapResult } from "@/lib/result";
import { workspaceAction } from "@/lib/actions/define";

/** The facilitator injects a second fault into a running drill. */
export const injectDrillFaultAction = workspaceAction("drills.inject", async ({ db, actor }, id: string, system: string, failure: string) =>
  mapResult(await injectDrillFault(db, actor, id, { system, failure }), (d) => ({ id: d.id, injections: d.injections.length })),
);
