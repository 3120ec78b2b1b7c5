import { callerRoute, json } from "@/lib/api/http";
import { getIncidentEventPayload } from "@/lib/intake/incident-events";

export const dynamic = "force-dynamic";

/** The raw payload of one event (fetched only when someone asks to see it). */
export const GET = callerRoute<{ slug: string; id: string; eventId: string }>("incident:read", async ({ db, actor, params }) =>
  json(await getIncidentEventPayload(db, actor, params.id, params.eventId)),
);
