import { callerRoute, json, searchParams } from "@/lib/api/http";
import { incidentEventItem, listIncidentEvents } from "@/lib/intake/incident-events";

export const dynamic = "force-dynamic";

/** One page of the incident's events for the incident page, newest first (`?limit=&before=`). */
export const GET = callerRoute<{ slug: string; id: string }>("incident:read", async ({ db, actor, request, params }) => {
  const page = await listIncidentEvents(db, actor, params.id, searchParams(request));
  return json({ ...page, items: page.items.map(incidentEventItem) }, { headers: { "cache-control": "no-store" } });
});
