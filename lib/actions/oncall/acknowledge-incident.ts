"use server";

import { acknowledgeIncident } from "@/lib/oncall";
import { mapResult } from "@/lib/result";
import { workspaceAction } from "@/lib/actions/define";

/** Acknowledges an incident: its escalation stops. */
export const acknowledgeIncidentAction = workspaceAction("oncall.acknowledgeIncident", async ({ db, actor }, incidentId: string) =>
  mapResult(await acknowledgeIncident(db, actor, incidentId), (r) => ({ stopped: r.stopped, changed: r.changed, version: r.incident.version })),
);
