"use server";

import { getDb } from "@/db";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { failure } from "@/lib/result";
import { revokeApiKey } from "@/lib/auth/api-keys";

/** Revokes an API key (admins). */
export async function revokeApiKeyAction(workspaceSlug: string, id: string) {
  const db = await getDb();
  try {
    const actor = await getCurrentActor(db, { workspaceSlug });
    return await revokeApiKey(db, actor, id);
  } catch (e) {
    return failure(e);
  }
}
