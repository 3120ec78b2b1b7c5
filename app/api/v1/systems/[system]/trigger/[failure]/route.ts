import { getDb } from "@/db";
import { json, methodNotAllowed, parseJson, readBody, route } from "@/lib/api/http";
import { requireRequestActor } from "@/lib/auth/request-actor";
import { unwrap } from "@/lib/result";
import { triggerFailure } from "@/lib/simulation/runs";
import { serializeSimulation } from "@/lib/simulation/serialize";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ system: string; failure: string }> };

/** Injects a failure: redis/memory, postgres/connections, postgres/bloat, disk/full (body: `{ speed?, seed? }`). */
export const POST = route(async (request: Request, ctx: Ctx) => {
  const db = await getDb();
  const actor = await requireRequestActor(db, request, "simulation:run");
  const { system, failure } = await ctx.params;
  const text = await readBody(request, 16 * 1024);
  const row = unwrap(await triggerFailure(db, actor, system, failure, text.trim() ? parseJson(text) : {}));
  return json(serializeSimulation(row), 201);
});

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { GET, HEAD, PUT, PATCH, DELETE } = methodNotAllowed("POST");
