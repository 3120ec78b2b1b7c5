"use server";

import { planView, rejectPlan } from "@/lib/agent";
import type { DecisionInput } from "@/lib/agent/shared";
import { mapResult } from "@/lib/result";
import { workspaceAction } from "@/lib/actions/define";

/** Rejects a plan waiting for approval, with an optional comment. */
export const rejectPlanAction = workspaceAction("agent.rejectPlan", async ({ db, actor }, planId: string, input: DecisionInput = {}) =>
  mapResult(await rejectPlan(db, actor, planId, input), planView),
);
