import { keysToCamel } from "@/lib/api/case";
import { callerRoute, json, readJson, resultResponse, searchParams, methodNotAllowed } from "@/lib/api/http";
import { createIncident } from "@/lib/incidents";
import { listIncidents } from "@/lib/incidents";
import { serializeIncident } from "@/lib/api/rest";
import { listIncidentsSchema } from "@/lib/incidents/shared";
import { parseInput } from "@/lib/result";

export const dynamic = "force-dynamic";

export const GET = callerRoute("incident:read", async ({ db, actor, request }) => {
  const input = parseInput(listIncidentsSchema, searchParams(request));
  const page = await listIncidents(db, actor.workspaceId, input);
  return json({ items: page.items.map(serializeIncident), next_cursor: page.nextCursor });
});

export const POST = callerRoute("incident:write", async ({ db, actor, request }) => {
  const body = keysToCamel(await readJson(request));
  return resultResponse(await createIncident(db, actor, body), 201, serializeIncident);
});

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { PUT, PATCH, DELETE } = methodNotAllowed("GET", "POST", "HEAD");
