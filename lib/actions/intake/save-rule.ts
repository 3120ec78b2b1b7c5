"use server";

import { getDb } from "@/db";
import type { IntakeRule } from "@/db/schema";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { saveRule } from "@/lib/intake/rules";
import type { RuleInput } from "@/lib/intake/schemas";
import { toResult, type Result } from "@/lib/result";

/** Creates or replaces the threshold rule of a service ("*" for the workspace default). */
export async function saveRuleAction(workspaceSlug: string, input: RuleInput): Promise<Result<IntakeRule>> {
  const db = await getDb();
  const actor = await toResult(() => getCurrentActor(db, { workspaceSlug }));
  if (!actor.ok) return actor;
  return saveRule(db, actor.data, input);
}
