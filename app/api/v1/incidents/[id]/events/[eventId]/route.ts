import { callerRoute, json } from "@/lib/api/http";
import { getIncidentEventPayload } from "@/lib/intake/incident-events";

export const dynamic = "force-dynamic";

/** One event with the raw payload its integration sent. */
export const GET = callerRoute<{ id: string; eventId: string }>("incident:read", async ({ db, actor, params }) => {
  const { id, eventId } = params;
  return json(await getIncidentEventPayload(db, actor, id, eventId));
});
