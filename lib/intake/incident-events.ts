import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { getIncidentById } from "@/lib/incidents/queries";
import { incidentIdSchema } from "@/lib/incidents/schemas";
import { parseInput } from "@/lib/result";
import { z } from "zod";
import { eventCursor, getEventRaw, listEventsForIncident, listSignalsForIncident, type IncidentEventRow, type IncidentSignalRow } from "./queries";

export const incidentEventsPageSchema = z.object({
  limit: z.coerce.number().int().min(1, "must be at least 1").max(200, "must be at most 200").default(50),
  before: z.string().max(200).optional(),
});

export type IncidentEventsPage = {
  items: IncidentEventRow[];
  nextCursor: string | null;
  total: number;
  /**
   * With the first page: the incident's alerts (Alertmanager, Grafana signals) with the number of
   * notifications that named each — re-notifications are counted there, not stored as events.
   */
  signals?: { items: IncidentSignalRow[]; total: number; notifications: number };
};

/** A page of an incident's events for someone allowed to read it (newest first). */
export async function listIncidentEvents(db: Database, actor: Actor, incidentId: string, input: unknown): Promise<IncidentEventsPage> {
  assertCan(actor, "incident:read");
  const id = parseInput(incidentIdSchema, incidentId);
  const { limit, before } = parseInput(incidentEventsPageSchema, input ?? {});
  const incident = await getIncidentById(db, { workspaceId: actor.workspaceId, id });
  const [rows, signals] = await Promise.all([
    listEventsForIncident(db, { workspaceId: actor.workspaceId, incidentId: id, limit: limit + 1, before }),
    before ? undefined : listSignalsForIncident(db, { workspaceId: actor.workspaceId, incidentId: id, limit: 100 }),
  ]);
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? eventCursor(items[items.length - 1]) : null, total: incident.eventCount, ...(signals ? { signals } : {}) };
}

export async function getIncidentEventPayload(db: Database, actor: Actor, incidentId: string, eventId: string) {
  assertCan(actor, "incident:read");
  const id = parseInput(incidentIdSchema, incidentId);
  const evId = parseInput(z.string().uuid("is not a valid event id"), eventId);
  const row = await getEventRaw(db, { workspaceId: actor.workspaceId, incidentId: id, eventId: evId });
  if (!row) throw new AppError("not_found:event", "Event not found.");
  return row;
}
