import { callerRoute, json, methodNotAllowed } from "@/lib/api/http";
import { postmortemExportResponse } from "@/lib/api/postmortem-export";
import { incidentIdSchema } from "@/lib/incidents/shared";
import { getPostmortem } from "@/lib/postmortems";
import { parseInput } from "@/lib/result";

export const dynamic = "force-dynamic";

/** The editor's view of the post-mortem ({ postmortem: null } before one is written), or a download with `?format=md|pdf|json`. */
export const GET = callerRoute<{ slug: string; id: string }>("incident:read", async ({ db, actor, params, request }) => {
  const id = parseInput(incidentIdSchema, params.id);
  if (new URL(request.url).searchParams.has("format")) return postmortemExportResponse(db, actor.workspaceId, id, request);
  return json({ postmortem: await getPostmortem(db, actor.workspaceId, id) }, { headers: { "cache-control": "no-store" } });
});

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET");
