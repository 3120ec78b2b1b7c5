"use server";

import { getDb } from "@/db";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { getIncidentEventPayload } from "@/lib/intake/incident-events";
import { toResult, type Result } from "@/lib/result";

/** The raw payload of one event (fetched only when someone asks to see it). */
export async function getEventPayloadAction(
  workspaceSlug: string,
  incidentId: string,
  eventId: string,
): Promise<Result<{ id: string; raw: unknown; attributes: Record<string, unknown> }>> {
  const db = await getDb();
  return toResult(async () => getIncidentEventPayload(db, await getCurrentActor(db, { workspaceSlug, intent: "read" }), incidentId, eventId));
}
