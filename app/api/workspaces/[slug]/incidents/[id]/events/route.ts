import { callerRoute, json, searchParams, methodNotAllowed } from "@/lib/api/http";
import { incidentEventsView, listIncidentEvents } from "@/lib/intake";

export const dynamic = "force-dynamic";

/** One page of the incident's events for the incident page, newest first (`?limit=&before=`); the first page brings its alerts. */
export const GET = callerRoute<{ slug: string; id: string }>("incident:read", async ({ db, actor, request, params }) => {
  const page = await listIncidentEvents(db, actor, params.id, searchParams(request));
  return json(incidentEventsView(page), { headers: { "cache-control": "no-store" } });
});

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET", "HEAD");
