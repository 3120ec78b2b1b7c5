import { getDb } from "@/db";
import { json, methodNotAllowed, route } from "@/lib/api/http";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { loadIncidentPayload, loadTimelinePayload } from "@/lib/incidents/incident-view";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ slug: string; id: string }> };

/**
 * What the incident page refetches when react-query invalidates it: the incident with its
 * workspace's SLA policy, or with `?part=timeline` the merged status/timeline feed. Browser
 * session only (machines use /api/v1/incidents/{id}).
 */
export const GET = route(async (request: Request, ctx: Ctx) => {
  const { slug, id } = await ctx.params;
  const db = await getDb();
  const actor = await getCurrentActor(db, { workspaceSlug: slug });
  const part = new URL(request.url).searchParams.get("part");
  const payload = part === "timeline" ? await loadTimelinePayload(db, actor, id) : await loadIncidentPayload(db, actor, id);
  return json(payload, { headers: { "cache-control": "no-store" } });
});

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET", "HEAD");
