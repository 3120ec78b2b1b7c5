import { callerRoute, json, methodNotAllowed } from "@/lib/api/http";
import { incidentIdSchema } from "@/lib/incidents/shared";
import { parseInput } from "@/lib/result";
import { getRunbook } from "@/lib/runbooks";

export const dynamic = "force-dynamic";

/** One runbook with its versions, newest first. */
export const GET = callerRoute<{ slug: string; id: string }>("incident:read", async ({ db, actor, params }) =>
  json(await getRunbook(db, actor.workspaceId, parseInput(incidentIdSchema, params.id)), { headers: { "cache-control": "no-store" } }),
);

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET");
