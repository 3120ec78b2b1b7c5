"use server";

import { getDb } from "@/db";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { toResult, type Result } from "@/lib/result";
import { resetTopology, type WorkspaceWorld } from "@/lib/simulation/store";

/** Puts the default Astronomy Shop topology back. */
export async function resetTopologyAction(workspaceSlug: string): Promise<Result<WorkspaceWorld>> {
  const db = await getDb();
  const actor = await toResult(() => getCurrentActor(db, { workspaceSlug }));
  if (!actor.ok) return actor;
  return resetTopology(db, actor.data);
}
