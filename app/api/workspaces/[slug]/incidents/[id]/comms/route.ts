import { callerRoute, json, methodNotAllowed } from "@/lib/api/http";
import { publicOrigin } from "@/lib/api/public-url";
import { fillCommsTemplates } from "@/lib/sla";

export const dynamic = "force-dynamic";

/** The workspace's communication templates filled from this incident, for one-click copy. */
export const GET = callerRoute<{ slug: string; id: string }>("incident:read", async ({ db, actor, params, request }) =>
  json({ templates: await fillCommsTemplates(db, actor.workspaceId, params.id, publicOrigin(request)) }, { headers: { "cache-control": "no-store" } }),
);

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET");
