"use server";

import { getDb } from "@/db";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { getDeadLetter } from "@/lib/intake/dead-letters";
import { toResult, type Result } from "@/lib/result";

/** The full stored body of a dead letter (the list only carries a preview). */
export async function getDeadLetterBodyAction(workspaceSlug: string, id: string): Promise<Result<{ id: string; body: string }>> {
  const db = await getDb();
  return toResult(async () => {
    const letter = await getDeadLetter(db, await getCurrentActor(db, { workspaceSlug, intent: "read" }), id);
    return { id: letter.id, body: letter.body };
  });
}
