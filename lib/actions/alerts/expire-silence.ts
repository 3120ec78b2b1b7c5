"use server";

import { expireSilence } from "@/lib/alerts";
import { workspaceAction } from "@/lib/actions/define";

/** Expires a silence now (it stays listed as expired). */
export const expireSilenceAction = workspaceAction("alerts.expireSilence", ({ db, actor }, id: string) => expireSilence(db, actor, id));
