"use server";

import { approvePlan, planView } from "@/lib/agent";
import type { DecisionInput } from "@/lib/agent/shared";
import { mapResult } from "@/lib/result";
import { workspaceAction } from "@/lib/actions/define";

/** Approves a plan waiting for approval; it executes at once. */
export const approvePlanAction = workspaceAction("agent.approvePlan", async ({ db, actor }, planId: string, input: DecisionInput = {}) =>
  mapResult(await approvePlan(db, actor, planId, input), planView),
);
