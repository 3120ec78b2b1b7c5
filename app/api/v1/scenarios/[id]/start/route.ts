import { callerRoute, json, parseJson, readBody, methodNotAllowed } from "@/lib/api/http";
import { unwrap } from "@/lib/result";
import { startSimulation } from "@/lib/simulation";

export const dynamic = "force-dynamic";

/** Starts a run: `{ speed?, seed?, auto_analyze? }` → `{ simulation_id, status, incident_id, started_at }`. */
export const POST = callerRoute<{ id: string }>("simulation:run", async ({ db, actor, request, params }) => {
  const text = await readBody(request, 16 * 1024);
  const body = text.trim() ? parseJson(text) : {};
  const row = unwrap(await startSimulation(db, actor, params.id, body));
  return json(
    { simulation_id: row.id, scenario_id: row.scenarioId, status: row.status, incident_id: null, started_at: row.startedAt.toISOString(), speed: row.speed, seed: row.seed },
    201,
  );
});

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { GET, HEAD, PUT, PATCH, DELETE } = methodNotAllowed("POST");
