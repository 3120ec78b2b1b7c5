"use server";

import { workspaceAction } from "@/lib/actions/define";
import { tickChecklistItem } from "@/lib/runbooks";

/** Ticks or unticks one checklist item of a runbook attached to an incident (recorded on its timeline). */
export const tickChecklistItemAction = workspaceAction("runbooks.tick", ({ db, actor }, attachmentId: string, input: unknown) =>
  tickChecklistItem(db, actor, attachmentId, input),
);
