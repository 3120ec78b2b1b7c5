"use server";

import { getDb } from "@/db";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { assertCan } from "@/lib/auth/permissions";
import { toResult, type Result } from "@/lib/result";
import { listSimulations } from "@/lib/simulation/queries";
import { serializeSimulation } from "@/lib/simulation/serialize";

/** The workspace's recent runs, newest first. */
export async function listSimulationsAction(workspaceSlug: string): Promise<Result<ReturnType<typeof serializeSimulation>[]>> {
  const db = await getDb();
  return toResult(async () => {
    const actor = await getCurrentActor(db, { workspaceSlug });
    assertCan(actor, "incident:read");
    return (await listSimulations(db, actor.workspaceId, { limit: 20 })).map(serializeSimulation);
  });
}
