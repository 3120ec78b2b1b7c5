"use server";

import { addOverride } from "@/lib/oncall";
import { mapResult } from "@/lib/result";
import { workspaceAction } from "@/lib/actions/define";

/** Someone covers a schedule layer for a date range. */
export const addOverrideAction = workspaceAction(
  "oncall.addOverride",
  async ({ db, actor }, scheduleId: string, input: { layer: number; userId: string; startsAt: string; endsAt: string }) =>
    mapResult(await addOverride(db, actor, scheduleId, input), (o) => ({ id: o.id })),
);
