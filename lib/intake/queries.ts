import { and, desc, eq, lt, or, sql } from "drizzle-orm";
import { alertSignals, deadLetters, events, type EventLevel } from "@/db/schema";
import { isStorableTime } from "@/lib/validation/strings-and-times";
import type { Database } from "@/db/client";

export type IncidentEventRow = {
  id: string;
  service: string;
  level: EventLevel;
  message: string;
  timestamp: Date;
  attributes: Record<string, unknown>;
  source: string;
  fingerprint: string | null;
  dedupKey: string | null;
};

/** Cursor of the last row of a page: "<ISO time>|<id>" (an ISO time alone also works). */
export function eventCursor(row: { timestamp: Date; id: string }): string {
  return `${row.timestamp.toISOString()}|${row.id}`;
}

function parseCursor(before: string | Date | undefined): { ts: Date; id?: string } | undefined {
  if (!before) return undefined;
  if (before instanceof Date) return isStorableTime(before.getTime()) ? { ts: before } : undefined;
  const [iso, id] = before.split("|");
  const ts = new Date(iso);
  // A time the database cannot hold would be its error (a 500): such a cursor reads as none.
  if (!isStorableTime(ts.getTime())) return undefined;
  return { ts, id: id && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id) ? id : undefined };
}

/** Events of an incident, newest first (by event time), one page at a time. */
export async function listEventsForIncident(
  db: Database,
  params: { workspaceId: string; incidentId: string; limit: number; before?: string | Date },
): Promise<IncidentEventRow[]> {
  const cursor = parseCursor(params.before);
  const conds = [eq(events.workspaceId, params.workspaceId), eq(events.incidentId, params.incidentId)];
  if (cursor) {
    conds.push(
      cursor.id
        ? or(lt(events.timestamp, cursor.ts), and(eq(events.timestamp, cursor.ts), lt(events.id, cursor.id)))!
        : lt(events.timestamp, cursor.ts),
    );
  }
  return db
    .select({
      id: events.id,
      service: events.service,
      level: events.level,
      message: events.message,
      timestamp: events.timestamp,
      attributes: events.attributes,
      source: events.source,
      fingerprint: events.fingerprint,
      dedupKey: events.dedupKey,
    })
    .from(events)
    .where(and(...conds))
    .orderBy(desc(events.timestamp), desc(events.id))
    .limit(Math.min(Math.max(1, params.limit), 500));
}

/** One event with the payload its integration sent (shown on demand on the incident page). */
export async function getEventRaw(
  db: Database,
  params: { workspaceId: string; incidentId: string; eventId: string },
): Promise<{ id: string; raw: unknown; attributes: Record<string, unknown> } | undefined> {
  const [row] = await db
    .select({ id: events.id, raw: events.raw, attributes: events.attributes })
    .from(events)
    .where(and(eq(events.workspaceId, params.workspaceId), eq(events.incidentId, params.incidentId), eq(events.id, params.eventId)));
  return row;
}

export async function countDeadLetters(db: Database, workspaceId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(deadLetters).where(eq(deadLetters.workspaceId, workspaceId));
  return row?.n ?? 0;
}

export type IncidentSignalRow = {
  signalKey: string;
  source: string;
  status: "firing" | "resolved";
  labels: Record<string, string>;
  startsAt: Date | null;
  endsAt: Date | null;
  lastSeenAt: Date;
  notifications: number;
};

/** The alerts (Alertmanager, Grafana) of an incident: firing first, then by last notification. */
export async function listSignalsForIncident(
  db: Database,
  params: { workspaceId: string; incidentId: string; limit: number },
): Promise<{ items: IncidentSignalRow[]; total: number; notifications: number }> {
  const where = and(eq(alertSignals.workspaceId, params.workspaceId), eq(alertSignals.incidentId, params.incidentId));
  const [items, [sum]] = await Promise.all([
    db
      .select({
        signalKey: alertSignals.signalKey,
        source: alertSignals.source,
        status: alertSignals.status,
        labels: alertSignals.labels,
        startsAt: alertSignals.startsAt,
        endsAt: alertSignals.endsAt,
        lastSeenAt: alertSignals.lastSeenAt,
        notifications: alertSignals.notifications,
      })
      .from(alertSignals)
      .where(where)
      .orderBy(sql`${alertSignals.status} = 'firing' desc`, desc(alertSignals.lastSeenAt), alertSignals.signalKey)
      .limit(Math.min(Math.max(1, params.limit), 500)),
    db
      .select({ total: sql<number>`count(*)::int`, notifications: sql<number>`coalesce(sum(${alertSignals.notifications}), 0)::int` })
      .from(alertSignals)
      .where(where),
  ]);
  return { items, total: Number(sum?.total ?? 0), notifications: Number(sum?.notifications ?? 0) };
}
