"use server";

import { revokeApiKey } from "@/lib/auth/api-keys";
import { workspaceAction } from "@/lib/actions/define";

/** Revokes an API key (admins). */
export const revokeApiKeyAction = workspaceAction("workspaces.revokeApiKey", ({ db, actor }, id: string) => revokeApiKey(db, actor, id));
