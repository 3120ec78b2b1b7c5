import { getDb } from "@/db";
import { json, methodNotAllowed, route } from "@/lib/api/http";
import { requireRequestActor } from "@/lib/auth/request-actor";
import { getIncidentEventPayload } from "@/lib/intake/incident-events";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string; eventId: string }> };

/** One event with the raw payload its integration sent. */
export const GET = route(async (request: Request, ctx: Ctx) => {
  const db = await getDb();
  const actor = await requireRequestActor(db, request, "incident:read");
  const { id, eventId } = await ctx.params;
  return json(await getIncidentEventPayload(db, actor, id, eventId));
});

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET", "HEAD");
