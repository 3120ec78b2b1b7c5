"use server";

import { deleteRule } from "@/lib/intake";
import { workspaceAction } from "@/lib/actions/define";

/** Removes a service's threshold rule (admins); the workspace default then applies. */
export const deleteRuleAction = workspaceAction("intake.deleteRule", ({ db, actor }, ruleId: string) => deleteRule(db, actor, ruleId));
