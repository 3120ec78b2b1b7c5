"use server";

import { getDb } from "@/db";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { toResult, type Result } from "@/lib/result";
import type { Scenario } from "@/lib/simulation/schemas";
import { saveCustomScenario } from "@/lib/simulation/store";

/** Saves a custom scenario from the builder (validated against the format and the topology). */
export async function saveScenarioAction(workspaceSlug: string, definition: unknown): Promise<Result<Scenario>> {
  const db = await getDb();
  const actor = await toResult(() => getCurrentActor(db, { workspaceSlug }));
  if (!actor.ok) return actor;
  return saveCustomScenario(db, actor.data, definition);
}
