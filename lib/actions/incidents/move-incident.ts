"use server";

import type { ChangeStatusInput } from "@/lib/incidents/shared";
import { changeIncidentStatus } from "@/lib/incidents";
import { workspaceAction } from "@/lib/actions/define";

/** A card dropped on another column. It carries the version the board showed, so a move based on a
 * stale card is refused (409) and the board reverts instead of overwriting someone else's change. */
export const moveIncidentAction = workspaceAction(
  "incidents.move",
  ({ db, actor }, incidentId: string, input: Pick<ChangeStatusInput, "status" | "version" | "resolution">) =>
    changeIncidentStatus(db, actor, incidentId, { status: input.status, version: input.version, resolution: input.resolution, reason: "Moved on the board" }),
);
