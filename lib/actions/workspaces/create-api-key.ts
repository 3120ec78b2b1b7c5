"use server";

import { getDb } from "@/db";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { failure } from "@/lib/result";
import { createApiKey } from "@/lib/auth/api-keys";

/** Creates an API key (admins); the plaintext key is in the result once. */
export async function createApiKeyAction(workspaceSlug: string, input: { name: string; scopes: string[] }) {
  const db = await getDb();
  try {
    const actor = await getCurrentActor(db, { workspaceSlug });
    return await createApiKey(db, actor, input);
  } catch (e) {
    return failure(e);
  }
}
