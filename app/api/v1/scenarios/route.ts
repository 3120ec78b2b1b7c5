import { callerRoute, json, searchParams, readJson, methodNotAllowed } from "@/lib/api/http";
import { parseInput, unwrap } from "@/lib/result";
import { listScenariosSchema } from "@/lib/simulation/shared";
import { serializeScenario, serializeScenarioSummary } from "@/lib/simulation/shared";
import { listScenarios, saveCustomScenario } from "@/lib/simulation";

export const dynamic = "force-dynamic";

/** The catalog: built-in scenarios and injections, then the workspace's own (`?difficulty=&tag=&kind=`). */
export const GET = callerRoute("incident:read", async ({ db, actor, request }) => {
  const filters = parseInput(listScenariosSchema, searchParams(request));
  const items = await listScenarios(db, actor.workspaceId, filters);
  return json({ items: items.map(serializeScenarioSummary) });
});

/** Creates or replaces a custom scenario (the format of GET /scenarios/{id}; import does this). */
export const POST = callerRoute("simulation:run", async ({ db, actor, request }) => {
  const saved = unwrap(await saveCustomScenario(db, actor, await readJson(request, 256 * 1024)));
  return json(serializeScenario({ ...saved, source: "custom" }), 201);
});

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { PUT, PATCH, DELETE } = methodNotAllowed("GET", "POST", "HEAD");
