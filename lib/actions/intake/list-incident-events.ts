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

/** One page of an incident's events, newest first, for the incident page. */
export async function listIncidentEventsAction(
  workspaceSlug: string,
  incidentId: string,
  input: { limit?: number; before?: string },
): Promise<Result<{ items: IncidentEventItem[]; nextCursor: string | null; total: number }>> {
  const db = await getDb();
  return toResult(async () => {
    const actor = await getCurrentActor(db, { workspaceSlug, intent: "read" });
    const page = await listIncidentEvents(db, actor, incidentId, input);
    return {
      ...page,
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
