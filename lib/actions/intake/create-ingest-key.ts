"use server";

import { getDb } from "@/db";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { createApiKey } from "@/lib/auth/api-keys";
import { toResult, type Result } from "@/lib/result";

/** Creates a key with only the ingest scope, for a monitoring system; the key is shown once. */
export async function createIngestKeyAction(workspaceSlug: string, input: { name: string }): Promise<Result<{ key: string; prefix: string }>> {
  const db = await getDb();
  const actor = await toResult(() => getCurrentActor(db, { workspaceSlug }));
  if (!actor.ok) return actor;
  const r = await createApiKey(db, actor.data, { name: input.name, scopes: ["ingest"] });
  return r.ok ? { ok: true, data: { key: r.data.key, prefix: r.data.apiKey.prefix } } : r;
}
