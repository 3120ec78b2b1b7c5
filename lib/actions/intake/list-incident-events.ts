"use server";

import { getDb } from "@/db";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { listIncidentEvents } from "@/lib/intake/incident-events";
import { toResult, type Result } from "@/lib/result";
import type { EventLevel } from "@/db/schema";

export type IncidentEventItem = {
  id: string;
  service: string;
  level: EventLevel;
  message: string;
  timestamp: string;
  source: string;
  fingerprint: string | null;
  attributes: Record<string, unknown>;
};

export type IncidentSignalItem = {
  signalKey: string;
  source: string;
  status: "firing" | "resolved";
  labels: Record<string, string>;
  startsAt: string | null;
  endsAt: string | null;
  lastSeenAt: string;
  notifications: number;
};

export type IncidentEventsPageItem = {
  items: IncidentEventItem[];
  nextCursor: string | null;
  total: number;
  signals?: { items: IncidentSignalItem[]; total: number; notifications: number };
};

/** One page of an incident's events, newest first, for the incident page (the first also brings its alerts). */
export async function listIncidentEventsAction(
  workspaceSlug: string,
  incidentId: string,
  input: { limit?: number; before?: string },
): Promise<Result<IncidentEventsPageItem>> {
  const db = await getDb();
  return toResult(async () => {
    const actor = await getCurrentActor(db, { workspaceSlug, intent: "read" });
    const page = await listIncidentEvents(db, actor, incidentId, input);
    return {
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
      items: page.items.map((e) => ({
        id: e.id,
        service: e.service,
        level: e.level,
        message: e.message,
        timestamp: e.timestamp.toISOString(),
        source: e.source,
        fingerprint: e.fingerprint,
        attributes: e.attributes,
      })),
    };
  });
}
