"use server";

import { createApiKey } from "@/lib/auth";
import { workspaceAction } from "@/lib/actions/define";

/** Creates an API key (admins); the plaintext key is in the result once. */
export const createApiKeyAction = workspaceAction("workspaces.createApiKey", ({ db, actor }, input: { name: string; scopes: string[] }) =>
  createApiKey(db, actor, input),
);
