import { callerRoute, json, methodNotAllowed, readJson, resultResponse } from "@/lib/api/http";
import { serializeRoles } from "@/lib/api/oncall-rest";
import { getIncidentById } from "@/lib/incidents";
import { incidentIdSchema } from "@/lib/incidents/shared";
import { incidentOncallView, setIncidentRoles } from "@/lib/oncall";
import { parseInput } from "@/lib/result";

export const dynamic = "force-dynamic";

/** The incident's lead, scribe, communications lead and responders (user ids). */
export const GET = callerRoute<{ id: string }>("incident:read", async ({ db, actor, params }) => {
  const id = parseInput(incidentIdSchema, params.id);
  await getIncidentById(db, { workspaceId: actor.workspaceId, id });
  const view = await incidentOncallView(db, actor.workspaceId, id);
  const one = (role: string) => view.roles.find((r) => r.role === role)?.userId ?? null;
  return json({ incident_id: id, lead: one("lead"), scribe: one("scribe"), comms: one("comms"), responders: view.roles.filter((r) => r.role === "responder").map((r) => r.userId) });
});

/** Sets roles: each field given replaces its holder (null clears it), `responders` replaces the list; handovers go on the timeline. */
export const PUT = callerRoute<{ id: string }>("incident:write", async ({ db, actor, request, params }) => {
  const body = await readJson(request, 64 * 1024);
  return resultResponse(await setIncidentRoles(db, actor, params.id, body), 200, (r) => serializeRoles(params.id, r.roles));
});

export const { POST, PATCH, DELETE } = methodNotAllowed("GET", "PUT", "HEAD");
