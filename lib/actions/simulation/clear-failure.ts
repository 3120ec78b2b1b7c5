"use server";

import { getDb } from "@/db";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { toResult, type Result } from "@/lib/result";
import { clearFailure } from "@/lib/simulation/runs";

/** Clears a system's injected failures (flush, terminate idle connections, VACUUM, remove filler files). */
export async function clearFailureAction(workspaceSlug: string, system: string, failure?: string): Promise<Result<{ system: string; cleared: number }>> {
  const db = await getDb();
  const actor = await toResult(() => getCurrentActor(db, { workspaceSlug }));
  if (!actor.ok) return actor;
  const r = await clearFailure(db, actor.data, system, failure);
  return r.ok ? { ok: true, data: { system: r.data.system, cleared: r.data.cleared.length } } : r;
}
