import { and, desc, eq } from "drizzle-orm";
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

/** The REST shape: snake_case, the diagnosis as validated, provider details alongside. */
export function serializeDiagnosis(d: SavedDiagnosis, incidentId: string): Record<string, unknown> {
  return {
    id: d.meta.id,
    incident_id: incidentId,
    provider: d.meta.provider,
    model: d.meta.model,
    time_to_first_token_ms: d.meta.time_to_first_token_ms,
    total_ms: d.meta.total_ms,
    input_tokens: d.meta.input_tokens,
    output_tokens: d.meta.output_tokens,
    attempts: d.meta.attempts,
    requested_by: d.requestedBy,
    created_at: d.meta.created_at,
    diagnosis: d.diagnosis,
  };
}
