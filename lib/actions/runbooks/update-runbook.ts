"use server";

import { workspaceAction } from "@/lib/actions/define";
import { updateRunbook } from "@/lib/runbooks";

/** Saves a runbook; the input carries the version the editor opened (stale: 409). */
export const updateRunbookAction = workspaceAction("runbooks.update", ({ db, actor }, id: string, input: unknown) => updateRunbook(db, actor, id, input));
