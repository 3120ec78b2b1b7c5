"use server";

import type { RuleInput } from "@/lib/intake/schemas";
import { saveRule } from "@/lib/intake/rules";
import { workspaceAction } from "@/lib/actions/define";

/** Creates or replaces the threshold rule of a service ("*" for the workspace default). */
export const saveRuleAction = workspaceAction("intake.saveRule", ({ db, actor }, input: RuleInput) => saveRule(db, actor, input));
