"use server";

import { setIncidentRoles } from "@/lib/oncall";
import type { RolesInput } from "@/lib/oncall/shared";
import { mapResult } from "@/lib/result";
import { workspaceAction } from "@/lib/actions/define";

/** Sets roles on an incident (handovers recorded on the timeline). */
export const setIncidentRolesAction = workspaceAction("oncall.setIncidentRoles", async ({ db, actor }, incidentId: string, input: RolesInput) =>
  mapResult(await setIncidentRoles(db, actor, incidentId, input), (r) => ({ changed: r.changed })),
);
