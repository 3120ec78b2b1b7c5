"use server";

import { getDb } from "@/db";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { assertCan } from "@/lib/auth/permissions";
import { toResult, type Result } from "@/lib/result";
import { getIncidentMetrics, type MetricSeries } from "@/lib/simulation/queries";

/** Metric series around a simulated incident; null when the incident did not come from a simulation. */
export async function getIncidentMetricsAction(workspaceSlug: string, incidentId: string): Promise<Result<MetricSeries | null>> {
  const db = await getDb();
  return toResult(async () => {
    const actor = await getCurrentActor(db, { workspaceSlug, intent: "read" });
    assertCan(actor, "incident:read");
    return getIncidentMetrics(db, { workspaceId: actor.workspaceId, incidentId });
  });
}
