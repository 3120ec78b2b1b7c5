"use server";

import { addIncidentTask } from "@/lib/oncall";
import { mapResult } from "@/lib/result";
import { workspaceAction } from "@/lib/actions/define";

/** Adds a follow-up task to an incident. */
export const addIncidentTaskAction = workspaceAction("oncall.addIncidentTask", async ({ db, actor }, incidentId: string, input: { title: string; ownerId?: string | null }) =>
  mapResult(await addIncidentTask(db, actor, incidentId, input), (t) => ({ id: t.id })),
);
