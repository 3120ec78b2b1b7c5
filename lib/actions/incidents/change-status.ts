"use server";

import type { ChangeStatusInput } from "@/lib/incidents/shared";
import { changeIncidentStatus } from "@/lib/incidents";
import { workspaceAction } from "@/lib/actions/define";

/** Moves an incident to any status (forward or back); with `version`, a stale move is refused. */
export const changeStatusAction = workspaceAction("incidents.changeStatus", ({ db, actor }, incidentId: string, input: ChangeStatusInput) =>
  changeIncidentStatus(db, actor, incidentId, input),
);
