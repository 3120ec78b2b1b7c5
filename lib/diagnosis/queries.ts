import { and, desc, eq } from "drizzle-orm";
import type { Actor } from "@/lib/auth/shared";
import { assertCan } from "@/lib/auth";
import { getIncidentById } from "@/lib/incidents";
import { incidentIdSchema } from "@/lib/incidents/shared";
import { parseInput } from "@/lib/result";
import { diagnoses, type DiagnosisRow } from "@/db/schema";
import type { Database } from "@/db/client";
import { metaFromRow } from "./diagnose";
import type { Diagnosis, DiagnosisMeta } from "./schema";

export type SavedDiagnosis = { diagnosis: Diagnosis; meta: DiagnosisMeta; requestedBy: string };

export function toSavedDiagnosis(row: DiagnosisRow): SavedDiagnosis {
  return { diagnosis: row.diagnosis as unknown as Diagnosis, meta: metaFromRow(row), requestedBy: row.requestedByName };
}

/** An incident's diagnoses, newest first (history is kept: every run is a row). */
export async function listDiagnoses(
  db: Database,
  where: { workspaceId: string; incidentId: string; limit?: number },
): Promise<SavedDiagnosis[]> {
  const rows = await db
    .select()
    .from(diagnoses)
    .where(and(eq(diagnoses.workspaceId, where.workspaceId), eq(diagnoses.incidentId, where.incidentId)))
    .orderBy(desc(diagnoses.createdAt), desc(diagnoses.id))
    .limit(Math.min(100, where.limit ?? 20));
  return rows.map(toSavedDiagnosis);
}


/** An incident's saved diagnoses for someone allowed to read it (404 for another workspace's incident). */
export async function listIncidentDiagnoses(db: Database, actor: Actor, incidentId: string, options: { limit?: number } = {}): Promise<SavedDiagnosis[]> {
  assertCan(actor, "incident:read");
  const id = parseInput(incidentIdSchema, incidentId);
  await getIncidentById(db, { workspaceId: actor.workspaceId, id });
  return listDiagnoses(db, { workspaceId: actor.workspaceId, incidentId: id, limit: options.limit });
}
