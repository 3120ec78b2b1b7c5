"use server";

import { getDb } from "@/db";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { deleteRule } from "@/lib/intake/rules";
import { toResult, type Result } from "@/lib/result";

export async function deleteRuleAction(workspaceSlug: string, ruleId: string): Promise<Result<{ id: string }>> {
  const db = await getDb();
  const actor = await toResult(() => getCurrentActor(db, { workspaceSlug }));
  if (!actor.ok) return actor;
  return deleteRule(db, actor.data, ruleId);
}
