"use server";

import { planView, rollbackPlan } from "@/lib/agent";
import type { DecisionInput } from "@/lib/agent/shared";
import { mapResult } from "@/lib/result";
import { workspaceAction } from "@/lib/actions/define";

/** Rolls back an executed plan's reversible steps. */
export const rollbackPlanAction = workspaceAction("agent.rollbackPlan", async ({ db, actor }, planId: string, input: DecisionInput = {}) =>
  mapResult(await rollbackPlan(db, actor, planId, input), planView),
);
