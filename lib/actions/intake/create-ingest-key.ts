"use server";

import { createApiKey } from "@/lib/auth";
import { mapResult } from "@/lib/result";
import { workspaceAction } from "@/lib/actions/define";

/** Creates a key with only the ingest scope, for a monitoring system; the key is shown once. */
export const createIngestKeyAction = workspaceAction("intake.createIngestKey", async ({ db, actor }, input: { name: string }) =>
  mapResult(await createApiKey(db, actor, { name: input.name, scopes: ["ingest"] }), (r) => ({ key: r.key, prefix: r.apiKey.prefix })),
);
