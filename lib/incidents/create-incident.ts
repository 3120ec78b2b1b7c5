import { incidents, type Incident } from "@/db/schema";
import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/shared";
import { assertCan } from "@/lib/auth";
import { recordAudit } from "@/lib/audit";
import { publish } from "@/lib/realtime";
import { parseInput, toResult, type Result } from "@/lib/result";
import { createIncidentSchema } from "./schemas";
import type { z } from "zod";
import { nextIncidentNumber, statusTimestamps, writeStatusHistory } from "./write-helpers";

export type IncidentDraft = z.output<typeof createIncidentSchema> & {
  source?: string;
  fingerprint?: string | null;
  eventCount?: number;
  firstEventAt?: Date | null;
  lastEventAt?: Date | null;
  createdAt?: Date;
};

/**
 * Inserts an incident inside the caller's transaction: number, first history row, audit.
 * Intake and the simulator call this from their own transactions; it does not publish.
 */
export async function insertIncident(tx: Database, actor: Actor, draft: IncidentDraft): Promise<Incident> {
  const number = await nextIncidentNumber(tx, actor.workspaceId);
  const now = draft.createdAt ?? new Date();
  const [row] = await tx
    .insert(incidents)
    .values({
      workspaceId: actor.workspaceId,
      number,
      title: draft.title,
      description: draft.description,
      service: draft.service,
      team: draft.team,
      severity: draft.severity,
      status: draft.status,
      affectedSystems: draft.affectedSystems,
      incidentType: draft.incidentType,
      remediationMode: draft.remediationMode ?? (draft.incidentType === "real" ? "advisory" : "manual"),
      actionable: draft.actionable,
      receivesIntake: draft.receivesIntake,
      generatedBy: draft.generatedBy,
      metadata: draft.metadata,
      notes: draft.notes,
      source: draft.source ?? (actor.kind === "api_key" ? "api" : "manual"),
      fingerprint: draft.fingerprint ?? null,
      eventCount: draft.eventCount ?? 0,
      firstEventAt: draft.firstEventAt ?? null,
      lastEventAt: draft.lastEventAt ?? null,
      createdByKind: actor.kind,
      createdById: actor.id,
      createdByName: actor.name,
      createdAt: now,
      updatedAt: now,
      ...statusTimestamps(null, draft.status, now),
    })
    .returning();
  await writeStatusHistory(tx, actor, { incidentId: row.id, from: null, to: row.status, reason: "opened", at: now });
  await recordAudit(tx, actor, { action: "incident.create", targetType: "incident", targetId: row.id, data: { number } });
  return row;
}

export async function createIncident(db: Database, actor: Actor, input: unknown): Promise<Result<Incident>> {
  return toResult({ op: "incidents.createIncident", actor }, async () => {
    assertCan(actor, "incident:write");
    const draft = parseInput(createIncidentSchema, input);
    const row = await db.transaction((tx) => insertIncident(tx, actor, draft));
    await publish(actor, { type: "incident.created", incidentId: row.id, number: row.number, version: row.version });
    return row;
  });
}
