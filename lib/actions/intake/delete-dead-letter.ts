"use server";

import { getDb } from "@/db";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { deleteDeadLetter } from "@/lib/intake/dead-letters";
import { toResult, type Result } from "@/lib/result";

export async function deleteDeadLetterAction(workspaceSlug: string, id: string): Promise<Result<{ id: string }>> {
  const db = await getDb();
  const actor = await toResult(() => getCurrentActor(db, { workspaceSlug }));
  if (!actor.ok) return actor;
  return deleteDeadLetter(db, actor.data, id);
}
