"use server";

import { createPolicy } from "@/lib/oncall";
import type { PolicyInput } from "@/lib/oncall/shared";
import { mapResult } from "@/lib/result";
import { workspaceAction } from "@/lib/actions/define";

/** Creates an escalation policy. */
export const createPolicyAction = workspaceAction("oncall.createPolicy", async ({ db, actor }, input: PolicyInput) =>
  mapResult(await createPolicy(db, actor, input), (p) => ({ id: p.id })),
);
