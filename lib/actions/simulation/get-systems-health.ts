"use server";

import { getDb } from "@/db";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { assertCan } from "@/lib/auth/permissions";
import { toResult, type Result } from "@/lib/result";
import { getSystemsHealth, type SystemHealth } from "@/lib/simulation/queries";

/** Health per system of the workspace's simulated world (the board's strip polls it). */
export async function getSystemsHealthAction(workspaceSlug: string): Promise<Result<{ threshold: number; systems: SystemHealth[] }>> {
  const db = await getDb();
  return toResult(async () => {
    const actor = await getCurrentActor(db, { workspaceSlug });
    assertCan(actor, "incident:read");
    return getSystemsHealth(db, actor.workspaceId);
  });
}
