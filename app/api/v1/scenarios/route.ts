import { getDb } from "@/db";
import { json, methodNotAllowed, readJson, route } from "@/lib/api/http";
import { requireRequestActor } from "@/lib/auth/request-actor";
import { parseInput, unwrap } from "@/lib/result";
import { listScenariosSchema } from "@/lib/simulation/schemas";
import { serializeScenario, serializeScenarioSummary } from "@/lib/simulation/serialize";
import { listScenarios, saveCustomScenario } from "@/lib/simulation/store";

export const dynamic = "force-dynamic";

/** The catalog: built-in scenarios and injections, then the workspace's own (`?difficulty=&tag=&kind=`). */
export const GET = route(async (request: Request) => {
  const db = await getDb();
  const actor = await requireRequestActor(db, request, "incident:read");
  const filters = parseInput(listScenariosSchema, Object.fromEntries(new URL(request.url).searchParams));
  const items = await listScenarios(db, actor.workspaceId, filters);
  return json({ items: items.map(serializeScenarioSummary) });
});

/** Creates or replaces a custom scenario (the format of GET /scenarios/{id}; import does this). */
export const POST = route(async (request: Request) => {
  const db = await getDb();
  const actor = await requireRequestActor(db, request, "simulation:run");
  const saved = unwrap(await saveCustomScenario(db, actor, await readJson(request, 256 * 1024)));
  return json(serializeScenario({ ...saved, source: "custom" }), 201);
});

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { PUT, PATCH, DELETE } = methodNotAllowed("GET", "POST", "HEAD");
