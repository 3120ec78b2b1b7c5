import { getDb } from "@/db";
import { json, methodNotAllowed, route } from "@/lib/api/http";
import { requireRequestActor } from "@/lib/auth/request-actor";
import { getSimulation } from "@/lib/simulation/queries";
import { serializeSimulation } from "@/lib/simulation/serialize";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

/** Status, elapsed world time, health per system, incidents opened, diagnosis when done. */
export const GET = route(async (request: Request, ctx: Ctx) => {
  const db = await getDb();
  const actor = await requireRequestActor(db, request, "incident:read");
  return json(serializeSimulation(await getSimulation(db, { workspaceId: actor.workspaceId, id: (await ctx.params).id })));
});

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET", "HEAD");
