import { getDb } from "@/db";
import { json, methodNotAllowed, route } from "@/lib/api/http";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { assertCan } from "@/lib/auth/permissions";
import { getIncidentFacets } from "@/lib/incidents/queries";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ slug: string }> };

/** Teams and services of the workspace, for the board's filter bar and create dialog. */
export const GET = route(async (_request: Request, ctx: Ctx) => {
  const { slug } = await ctx.params;
  const db = await getDb();
  const actor = await getCurrentActor(db, { workspaceSlug: slug });
  assertCan(actor, "incident:read");
  return json(await getIncidentFacets(db, actor.workspaceId), { headers: { "cache-control": "no-store" } });
});

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET", "HEAD");
