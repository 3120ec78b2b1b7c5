import { callerRoute, json, methodNotAllowed, readJson, resultResponse } from "@/lib/api/http";
import { deepKeysToCamel, serializePolicy } from "@/lib/api/oncall-rest";
import { createPolicy, listPolicies } from "@/lib/oncall";

export const dynamic = "force-dynamic";

/** The workspace's escalation policies. */
export const GET = callerRoute("incident:read", async ({ db, actor }) => json({ items: (await listPolicies(db, actor.workspaceId)).map(serializePolicy) }));

/** Creates a policy: ordered levels (schedules or members) with a timeout each, repeats, the services or severities it covers, and when each severity pages. */
export const POST = callerRoute("workspace:admin", async ({ db, actor, request }) => {
  const body = deepKeysToCamel(await readJson(request, 64 * 1024)) as Record<string, unknown> | null;
  // Severity names are keys, not field names: keep them as sent.
  if (body && typeof body === "object" && body.severityModes && typeof body.severityModes === "object") {
    body.severityModes = Object.fromEntries(Object.entries(body.severityModes as Record<string, unknown>).map(([k, v]) => [k.toUpperCase(), v]));
  }
  return resultResponse(await createPolicy(db, actor, body), 201, serializePolicy);
});

export const { PUT, PATCH, DELETE } = methodNotAllowed("GET", "POST", "HEAD");
