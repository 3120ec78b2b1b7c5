import { getDb } from "@/db";
import { json, methodNotAllowed, route } from "@/lib/api/http";
import { requireRequestActor } from "@/lib/auth/request-actor";
import { unwrap } from "@/lib/result";
import { clearFailure } from "@/lib/simulation/runs";
import { serializeSimulation } from "@/lib/simulation/serialize";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ system: string }> };

/** Clears the system's injected failures (or only `?failure=bloat`); clearing a healthy system is a no-op. */
export const POST = route(async (request: Request, ctx: Ctx) => {
  const db = await getDb();
  const actor = await requireRequestActor(db, request, "simulation:run");
  const failure = new URL(request.url).searchParams.get("failure") ?? undefined;
  const result = unwrap(await clearFailure(db, actor, (await ctx.params).system, failure));
  return json({ system: result.system, cleared: result.cleared.map(serializeSimulation) });
});

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { GET, HEAD, PUT, PATCH, DELETE } = methodNotAllowed("POST");
