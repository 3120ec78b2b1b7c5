import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/shared";
import { assertCan } from "@/lib/auth";
import { AppError } from "@/lib/errors";
import { getIncidentById } from "@/lib/incidents";
import { incidentIdSchema } from "@/lib/incidents/shared";
import { parseInput } from "@/lib/result";
import { z } from "zod";
import { cursorPageSchema } from "./schemas";
import { eventCursor, getEventRaw, listEventsForIncident, type IncidentEventRow } from "./queries";

export type IncidentEventsPage = { items: IncidentEventRow[]; nextCursor: string | null; total: number };

/** An event as the incident page lists it (its time as an ISO string; the raw payload comes on demand). */
export type IncidentEventItem = Pick<IncidentEventRow, "id" | "service" | "level" | "message" | "source" | "fingerprint" | "attributes"> & { timestamp: string };

export function incidentEventItem(e: IncidentEventRow): IncidentEventItem {
  return {
    id: e.id,
    service: e.service,
    level: e.level,
    message: e.message,
    timestamp: e.timestamp.toISOString(),
    source: e.source,
    fingerprint: e.fingerprint,
    attributes: e.attributes,
  };
}

/** A page of an incident's events for someone allowed to read it (newest first). */
export async function listIncidentEvents(db: Database, actor: Actor, incidentId: string, input: unknown): Promise<IncidentEventsPage> {
  assertCan(actor, "incident:read");
  const id = parseInput(incidentIdSchema, incidentId);
  const { limit, before } = parseInput(cursorPageSchema, input ?? {});
  const incident = await getIncidentById(db, { workspaceId: actor.workspaceId, id });
  const rows = await listEventsForIncident(db, { workspaceId: actor.workspaceId, incidentId: id, limit: limit + 1, before });
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? eventCursor(items[items.length - 1]) : null, total: incident.eventCount };
}

export async function getIncidentEventPayload(db: Database, actor: Actor, incidentId: string, eventId: string) {
  assertCan(actor, "incident:read");
  const id = parseInput(incidentIdSchema, incidentId);
  const evId = parseInput(z.string().uuid("is not a valid event id"), eventId);
  const row = await getEventRaw(db, { workspaceId: actor.workspaceId, incidentId: id, eventId: evId });
  if (!row) throw new AppError("not_found:event", "Event not found.");
  return row;
}
