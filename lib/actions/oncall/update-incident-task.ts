"use server";

import { updateIncidentTask } from "@/lib/oncall";
import { mapResult } from "@/lib/result";
import { workspaceAction } from "@/lib/actions/define";

/** Ticks off, renames or re-assigns a follow-up task. */
export const updateIncidentTaskAction = workspaceAction(
  "oncall.updateIncidentTask",
  async ({ db, actor }, taskId: string, input: { title?: string; ownerId?: string | null; done?: boolean }) =>
    mapResult(await updateIncidentTask(db, actor, taskId, input), (t) => ({ id: t.id, done: t.done })),
);
