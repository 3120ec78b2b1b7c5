"use server";

import { getDb } from "@/db";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { replayDeadLetter, type ReplayOutcome } from "@/lib/intake/dead-letters";
import { toResult, type Result } from "@/lib/result";

/** Sends a rejected body through its integration again. */
export async function replayDeadLetterAction(workspaceSlug: string, id: string): Promise<Result<ReplayOutcome>> {
  const db = await getDb();
  const actor = await toResult(() => getCurrentActor(db, { workspaceSlug }));
  if (!actor.ok) return actor;
  return replayDeadLetter(db, actor.data, id);
}
