import { callerRoute, json, methodNotAllowed } from "@/lib/api/http";
import { getIncidentById } from "@/lib/incidents";
import { incidentIdSchema } from "@/lib/incidents/shared";
import { incidentOncallView } from "@/lib/oncall";
import { parseInput } from "@/lib/result";

export const dynamic = "force-dynamic";

/** Roles, follow-up tasks and escalation of an incident, with the members to choose from. */
export const GET = callerRoute<{ slug: string; id: string }>("incident:read", async ({ db, actor, params }) => {
  const id = parseInput(incidentIdSchema, params.id);
  await getIncidentById(db, { workspaceId: actor.workspaceId, id });
  return json(await incidentOncallView(db, actor.workspaceId, id), { headers: { "cache-control": "no-store" } });
});

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET", "HEAD");
