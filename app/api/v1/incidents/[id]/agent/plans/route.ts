import { callerRoute, json, readOptionalJson, resultResponse, methodNotAllowed } from "@/lib/api/http";
import { serializePlan } from "@/lib/api/rest";
import { listPlans, requestPlan } from "@/lib/agent";
import { getIncidentById } from "@/lib/incidents";
import { incidentIdSchema } from "@/lib/incidents/shared";
import { parseInput } from "@/lib/result";

export const dynamic = "force-dynamic";
export const maxDuration = 75;

/** Asks the SRE agent for a plan (empty body), or proposes one catalog action (`{ action, target, parameters }`). */
export const POST = callerRoute<{ id: string }>("incident:write", async ({ db, actor, request, params }) => {
  const body = await readOptionalJson(request, 16 * 1024);
  return resultResponse(await requestPlan(db, actor, params.id, body, { abortSignal: request.signal }), 201, serializePlan);
});

/** The incident's plans, newest first. */
export const GET = callerRoute<{ id: string }>("incident:read", async ({ db, actor, params }) => {
  const id = parseInput(incidentIdSchema, params.id);
  await getIncidentById(db, { workspaceId: actor.workspaceId, id });
  const { items, total } = await listPlans(db, actor, { incident_id: id, limit: "50" });
  return json({ items: items.map(serializePlan), total });
});

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { PUT, PATCH, DELETE } = methodNotAllowed("GET", "POST", "HEAD");
