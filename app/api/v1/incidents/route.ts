import { getDb } from "@/db";
import { keysToCamel } from "@/lib/api/case";
import { json, methodNotAllowed, readJson, resultResponse, route } from "@/lib/api/http";
import { requireRequestActor } from "@/lib/auth/request-actor";
import { createIncident } from "@/lib/incidents/create-incident";
import { listIncidents } from "@/lib/incidents/queries";
import { serializeIncident } from "@/lib/incidents/serialize";
import { listIncidentsSchema } from "@/lib/incidents/schemas";
import { parseInput } from "@/lib/result";

export const dynamic = "force-dynamic";

export const GET = route(async (request: Request) => {
  const db = await getDb();
  const actor = await requireRequestActor(db, request, "incident:read");
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const input = parseInput(listIncidentsSchema, params);
  const page = await listIncidents(db, actor.workspaceId, input);
  return json({ items: page.items.map(serializeIncident), next_cursor: page.nextCursor });
});

export const POST = route(async (request: Request) => {
  const db = await getDb();
  const actor = await requireRequestActor(db, request, "incident:write");
  const body = keysToCamel(await readJson(request));
  return resultResponse(await createIncident(db, actor, body), 201, serializeIncident);
});

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { PUT, PATCH, DELETE } = methodNotAllowed("GET", "POST", "HEAD");
