import { getDb } from "@/db";
import { json, methodNotAllowed, readJson, route } from "@/lib/api/http";
import { requireRequestActor } from "@/lib/auth/request-actor";
import { unwrap } from "@/lib/result";
import { applyWorldAction } from "@/lib/simulation/runs";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ system: string }> };

/** Applies a remediation to a service of the simulated world: `{ action: "restart", simulation_id? }`. */
export const POST = route(async (request: Request, ctx: Ctx) => {
  const db = await getDb();
  const actor = await requireRequestActor(db, request, "simulation:run");
  const body = (await readJson(request, 16 * 1024)) as Record<string, unknown>;
  const service = (await ctx.params).system;
  return json(unwrap(await applyWorldAction(db, actor, { ...(body && typeof body === "object" ? body : {}), service })));
});

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { GET, HEAD, PUT, PATCH, DELETE } = methodNotAllowed("POST");
