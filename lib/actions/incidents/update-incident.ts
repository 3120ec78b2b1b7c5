"use server";

import type { UpdateIncidentInput } from "@/lib/incidents/shared";
import { updateIncident } from "@/lib/incidents";
import { workspaceAction } from "@/lib/actions/define";

/** Edits fields of an incident read at `input.version`; a stale version comes back as `conflict:incident`. */
export const updateIncidentAction = workspaceAction("incidents.update", ({ db, actor }, incidentId: string, input: UpdateIncidentInput) =>
  updateIncident(db, actor, incidentId, input),
);
