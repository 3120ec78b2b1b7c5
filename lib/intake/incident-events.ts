import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/shared";
import { assertCan } from "@/lib/auth";
import { AppError } from "@/lib/errors";
import { getIncidentById } from "@/lib/incidents";
import { incidentIdSchema } from "@/lib/incidents/shared";
import { parseInput } from "@/lib/result";
import { z } from "zod";
import { cursorPageSchema } from "./schemas";
import { eventCursor, getEventRaw, listEventsForIncident, listSignalsForIncident, type IncidentEventRow, type IncidentSignalRow } from "./queries";

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

/** An event as the incident page lists it (its time as an ISO string; the raw payload comes on demand). */
export type IncidentEventItem = Pick<IncidentEventRow, "id" | "service" | "level" | "message" | "source" | "fingerprint" | "attributes"> & { timestamp: string };

/** An alert of the incident as the page lists it, with how many notifications named it. */
export type IncidentSignalItem = Omit<IncidentSignalRow, "startsAt" | "endsAt" | "lastSeenAt"> & { startsAt: string | null; endsAt: string | null; lastSeenAt: string };

/** A page of events as the incident page shows it (times as ISO strings), with the first page's alerts. */
export type IncidentEventsView = {
  items: IncidentEventItem[];
  nextCursor: string | null;
  total: number;
  signals?: { items: IncidentSignalItem[]; total: number; notifications: number };
};

export function incidentEventsView(page: IncidentEventsPage): IncidentEventsView {
  return {
    items: page.items.map(incidentEventItem),
    nextCursor: page.nextCursor,
    total: page.total,
    ...(page.signals
      ? {
          signals: {
            total: page.signals.total,
            notifications: page.signals.notifications,
            items: page.signals.items.map((s) => ({
              ...s,
              startsAt: s.startsAt?.toISOString() ?? null,
              endsAt: s.endsAt?.toISOString() ?? null,
              lastSeenAt: s.lastSeenAt.toISOString(),
            })),
          },
        }
      : {}),
  };
}

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
