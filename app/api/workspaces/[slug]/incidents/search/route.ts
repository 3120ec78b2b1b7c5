import { callerRoute, json, methodNotAllowed } from "@/lib/api/http";
import { searchIncidents } from "@/lib/incidents";

export const dynamic = "force-dynamic";

/**
 * The command palette's search (`?q=`): incidents of the workspace in every status, resolved and
 * closed too, matched on title, service, description or `INC-<n>`; open ones first, at most 10.
 */
export const GET = callerRoute<{ slug: string }>("incident:read", async ({ db, actor, request }) => {
  const q = new URL(request.url).searchParams.get("q") ?? "";
  return json({ items: await searchIncidents(db, actor.workspaceId, q) }, { headers: { "cache-control": "no-store" } });
});

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET", "HEAD");
