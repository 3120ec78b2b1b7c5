"use server";

import { getDb } from "@/db";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { assertCan } from "@/lib/auth/permissions";
import { listDiagnoses, type SavedDiagnosis } from "@/lib/ai/queries";
import { getIncidentById } from "@/lib/incidents/queries";
import { incidentIdSchema } from "@/lib/incidents/schemas";
import { parseInput, toResult, type Result } from "@/lib/result";

/** The incident's saved diagnoses, newest first, for the diagnosis panel's history. */
export async function listDiagnosesAction(workspaceSlug: string, incidentId: string): Promise<Result<SavedDiagnosis[]>> {
  return toResult(async () => {
    const db = await getDb();
    const actor = await getCurrentActor(db, { workspaceSlug, intent: "read" });
    assertCan(actor, "incident:read");
    const id = parseInput(incidentIdSchema, incidentId);
    await getIncidentById(db, { workspaceId: actor.workspaceId, id });
    return listDiagnoses(db, { workspaceId: actor.workspaceId, incidentId: id, limit: 20 });
  });
}
