import { callerRoute, json, methodNotAllowed } from "@/lib/api/http";
import { getIncidentEventPayload } from "@/lib/intake";

export const dynamic = "force-dynamic";

/** The raw payload of one event (fetched only when someone asks to see it). */
export const GET = callerRoute<{ slug: string; id: string; eventId: string }>("incident:read", async ({ db, actor, params }) =>
  json(await getIncidentEventPayload(db, actor, params.id, params.eventId)),
);

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET", "HEAD");
