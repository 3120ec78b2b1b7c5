"use server";

import { assignLeadToMe } from "@/lib/oncall";
import { mapResult } from "@/lib/result";
import { workspaceAction } from "@/lib/actions/define";

/** "Assign to me": the caller becomes the incident lead. */
export const assignLeadToMeAction = workspaceAction("oncall.assignLeadToMe", async ({ db, actor }, incidentId: string) =>
  mapResult(await assignLeadToMe(db, actor, incidentId), (r) => ({ changed: r.changed })),
);
