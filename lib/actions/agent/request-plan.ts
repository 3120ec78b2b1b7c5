"use server";

import { requestPlan, planView } from "@/lib/agent";
import type { RequestPlanInput } from "@/lib/agent/shared";
import { mapResult } from "@/lib/result";
import { workspaceAction } from "@/lib/actions/define";

/** Asks the SRE agent for a plan for an incident (or proposes one catalog action with `action`). */
export const requestPlanAction = workspaceAction("agent.requestPlan", async ({ db, actor }, incidentId: string, input: RequestPlanInput = {}) =>
  mapResult(await requestPlan(db, actor, incidentId, input), planView),
);
