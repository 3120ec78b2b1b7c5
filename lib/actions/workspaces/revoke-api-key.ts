"use server";

import { revokeApiKey } from "@/lib/auth";
import { workspaceAction } from "@/lib/actions/define";

/** Revokes an API key (admins). */
export const revokeApiKeyAction = workspaceAction("workspaces.revokeApiKey", ({ db, actor }, id: string) => revokeApiKey(db, actor, id));
