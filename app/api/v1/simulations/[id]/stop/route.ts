import { getDb } from "@/db";
import { json, methodNotAllowed, route } from "@/lib/api/http";
import { requireRequestActor } from "@/lib/auth/request-actor";
import { unwrap } from "@/lib/result";
import { stopSimulation } from "@/lib/simulation/runs";
import { serializeSimulation } from "@/lib/simulation/serialize";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

/** Stops a run: its faults end, the world heals, recovery events reach the incidents. */
export const POST = route(async (request: Request, ctx: Ctx) => {
  const db = await getDb();
  const actor = await requireRequestActor(db, request, "simulation:run");
  return json(serializeSimulation(unwrap(await stopSimulation(db, actor, (await ctx.params).id))));
});

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { GET, HEAD, PUT, PATCH, DELETE } = methodNotAllowed("POST");
