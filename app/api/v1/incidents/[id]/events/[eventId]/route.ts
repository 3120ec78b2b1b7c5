import { callerRoute, json, methodNotAllowed } from "@/lib/api/http";
import { getIncidentEventPayload } from "@/lib/intake";

export const dynamic = "force-dynamic";

/** One event with the raw payload its integration sent. */
export const GET = callerRoute<{ id: string; eventId: string }>("incident:read", async ({ db, actor, params }) => {
  const { id, eventId } = params;
  return json(await getIncidentEventPayload(db, actor, id, eventId));
});

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET", "HEAD");
