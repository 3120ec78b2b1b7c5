"use server";

import { getDb } from "@/db";
import type { SlaPolicy } from "@/db/schema";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { updateSlaPolicy } from "@/lib/incidents/sla-settings";
import { toResult, type Result } from "@/lib/result";

/** Sets the workspace's response and resolution targets per severity (admins). */
export async function updateSlaPolicyAction(workspaceSlug: string, policy: SlaPolicy): Promise<Result<SlaPolicy>> {
  const db = await getDb();
  const actor = await toResult(() => getCurrentActor(db, { workspaceSlug }));
  if (!actor.ok) return actor;
  return updateSlaPolicy(db, actor.data, policy);
}
