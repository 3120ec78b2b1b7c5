import { getDb } from "@/db";
import { json, methodNotAllowed, parseJson, readBody, route } from "@/lib/api/http";
import { requireRequestActor } from "@/lib/auth/request-actor";
import { unwrap } from "@/lib/result";
import { startSimulation } from "@/lib/simulation/runs";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

/** Starts a run: `{ speed?, seed?, auto_analyze? }` → `{ simulation_id, status, incident_id, started_at }`. */
export const POST = route(async (request: Request, ctx: Ctx) => {
  const db = await getDb();
  const actor = await requireRequestActor(db, request, "simulation:run");
  const text = await readBody(request, 16 * 1024);
  const body = text.trim() ? parseJson(text) : {};
  const row = unwrap(await startSimulation(db, actor, (await ctx.params).id, body));
  return json(
    { simulation_id: row.id, scenario_id: row.scenarioId, status: row.status, incident_id: null, started_at: row.startedAt.toISOString(), speed: row.speed, seed: row.seed },
    201,
  );
});

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { GET, HEAD, PUT, PATCH, DELETE } = methodNotAllowed("POST");
