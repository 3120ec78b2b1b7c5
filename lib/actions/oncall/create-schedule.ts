"use server";

import { createSchedule } from "@/lib/oncall";
import type { ScheduleInput } from "@/lib/oncall/shared";
import { mapResult } from "@/lib/result";
import { workspaceAction } from "@/lib/actions/define";

/** Creates an on-call schedule. */
export const createScheduleAction = workspaceAction("oncall.createSchedule", async ({ db, actor }, input: ScheduleInput) =>
  mapResult(await createSchedule(db, actor, input), (s) => ({ id: s.id })),
);
