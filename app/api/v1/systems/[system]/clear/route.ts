import { getDb } from "@/db";
import { json, route } from "@/lib/api/http";
import { requireRequestActor } from "@/lib/auth/request-actor";
import { parseInput, unwrap } from "@/lib/result";
import { clearFailureQuerySchema } from "@/lib/simulation/schemas";
import { clearFailure } from "@/lib/simulation/runs";
import { serializeSimulation } from "@/lib/simulation/serialize";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ system: string }> };

/** Clears the system's injected failures (or only `?failure=bloat`); clearing a healthy system is a no-op. */
export const POST = route(async (request: Request, ctx: Ctx) => {
  const db = await getDb();
  const actor = await requireRequestActor(db, request, "simulation:run");
  const { failure } = parseInput(clearFailureQuerySchema, Object.fromEntries(new URL(request.url).searchParams));
  const result = unwrap(await clearFailure(db, actor, (await ctx.params).system, failure));
  return json({ system: result.system, cleared: result.cleared.map(serializeSimulation) });
});
