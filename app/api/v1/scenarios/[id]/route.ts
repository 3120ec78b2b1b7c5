import { getDb } from "@/db";
import { json, methodNotAllowed, route } from "@/lib/api/http";
import { requireRequestActor } from "@/lib/auth/request-actor";
import { unwrap } from "@/lib/result";
import { serializeScenario } from "@/lib/simulation/serialize";
import { deleteCustomScenario, getScenario } from "@/lib/simulation/store";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

/** A scenario in full: metrics, phases, context, expected outcome, conversation. */
export const GET = route(async (request: Request, ctx: Ctx) => {
  const db = await getDb();
  const actor = await requireRequestActor(db, request, "incident:read");
  return json(serializeScenario(await getScenario(db, actor.workspaceId, (await ctx.params).id)));
});

/** Deletes a custom scenario (built-ins cannot be deleted). */
export const DELETE = route(async (request: Request, ctx: Ctx) => {
  const db = await getDb();
  const actor = await requireRequestActor(db, request, "simulation:run");
  return json(unwrap(await deleteCustomScenario(db, actor, (await ctx.params).id)));
});

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { POST, PUT, PATCH } = methodNotAllowed("GET", "DELETE", "HEAD");
