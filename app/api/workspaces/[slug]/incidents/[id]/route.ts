import { callerRoute, json, methodNotAllowed } from "@/lib/api/http";
import { loadIncidentPayload, loadTimelinePayload } from "@/lib/incidents";

export const dynamic = "force-dynamic";

/**
 * What the incident page refetches when react-query invalidates it: the incident with its
 * workspace's SLA policy, or with `?part=timeline` the merged status/timeline feed.
 */
export const GET = callerRoute<{ slug: string; id: string }>("incident:read", async ({ db, actor, request, params }) => {
  const part = new URL(request.url).searchParams.get("part");
  const payload = part === "timeline" ? await loadTimelinePayload(db, actor, params.id) : await loadIncidentPayload(db, actor, params.id);
  return json(payload, { headers: { "cache-control": "no-store" } });
});

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET", "HEAD");
