import { callerRoute, json, methodNotAllowed } from "@/lib/api/http";
import { incidentIdSchema } from "@/lib/incidents/shared";
import { parseInput } from "@/lib/result";
import { getIncidentMetrics } from "@/lib/simulation";

export const dynamic = "force-dynamic";

/** Metric series around a simulated incident; null when the incident did not come from a simulation. */
export const GET = callerRoute<{ slug: string; id: string }>("incident:read", async ({ db, actor, params }) =>
  json(await getIncidentMetrics(db, { workspaceId: actor.workspaceId, incidentId: parseInput(incidentIdSchema, params.id) }), {
    headers: { "cache-control": "no-store" },
  }),
);

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET", "HEAD");
