"use server";

import { getDb } from "@/db";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { toResult, type Result } from "@/lib/result";
import { triggerFailure } from "@/lib/simulation/runs";
import { serializeSimulation } from "@/lib/simulation/serialize";

/** Injects one of the four failures (redis memory, postgres connections or bloat, disk full). */
export async function triggerFailureAction(workspaceSlug: string, system: string, failure: string): Promise<Result<ReturnType<typeof serializeSimulation>>> {
  const db = await getDb();
  const actor = await toResult(() => getCurrentActor(db, { workspaceSlug }));
  if (!actor.ok) return actor;
  const r = await triggerFailure(db, actor.data, system, failure);
  return r.ok ? { ok: true, data: serializeSimulation(r.data) } : r;
}
