"use server";

import { getDb } from "@/db";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { toResult, type Result } from "@/lib/result";
import { saveTopology, type WorkspaceWorld } from "@/lib/simulation/store";

/** Saves the edited topology (services, teams, tiers, dependencies) and the health threshold. */
export async function saveTopologyAction(workspaceSlug: string, input: unknown): Promise<Result<WorkspaceWorld>> {
  const db = await getDb();
  const actor = await toResult(() => getCurrentActor(db, { workspaceSlug }));
  if (!actor.ok) return actor;
  return saveTopology(db, actor.data, input);
}
