"use server";

import { getDb } from "@/db";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { toResult, type Result } from "@/lib/result";
import { deleteCustomScenario } from "@/lib/simulation/store";

export async function deleteScenarioAction(workspaceSlug: string, scenarioId: string): Promise<Result<{ id: string }>> {
  const db = await getDb();
  const actor = await toResult(() => getCurrentActor(db, { workspaceSlug }));
  if (!actor.ok) return actor;
  return deleteCustomScenario(db, actor.data, scenarioId);
}
