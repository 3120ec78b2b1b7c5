"use server";

import { deleteIncident } from "@/lib/incidents";
import { workspaceAction } from "@/lib/actions/define";

/** Deletes an incident with its history, timeline and events. */
export const deleteIncidentAction = workspaceAction("incidents.delete", ({ db, actor }, incidentId: string) => deleteIncident(db, actor, incidentId));
