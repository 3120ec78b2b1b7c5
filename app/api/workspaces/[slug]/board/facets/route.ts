import { callerRoute, json, methodNotAllowed } from "@/lib/api/http";
import { getIncidentFacets } from "@/lib/incidents";

export const dynamic = "force-dynamic";

/** Teams and services of the workspace, for the board's filter bar and create dialog. */
export const GET = callerRoute<{ slug: string }>("incident:read", async ({ db, actor }) =>
  json(await getIncidentFacets(db, actor.workspaceId), { headers: { "cache-control": "no-store" } }),
);

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET", "HEAD");
