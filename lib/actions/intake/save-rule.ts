"use server";

import type { RuleInput } from "@/lib/intake/shared";
import { saveRule } from "@/lib/intake";
import { workspaceAction } from "@/lib/actions/define";

/** Creates or replaces the threshold rule of a service ("*" for the workspace default). */
export const saveRuleAction = workspaceAction("intake.saveRule", ({ db, actor }, input: RuleInput) => saveRule(db, actor, input));
