"use server";

import { getDb } from "@/db";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { failure } from "@/lib/result";
import { resetDemoWorkspace } from "@/lib/workspaces/demo";

/** Resets the demo workspace to its seed (admins of the demo workspace). */
export async function resetDemoAction(workspaceSlug: string) {
  const db = await getDb();
  try {
    const actor = await getCurrentActor(db, { workspaceSlug });
    return await resetDemoWorkspace(db, actor);
  } catch (e) {
    return failure(e);
  }
}
