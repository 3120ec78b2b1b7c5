import { keysToCamel, keysToSnake, snakeFieldNames } from "@/lib/api/case";
import { callerRoute, json, readJson, resultResponse, methodNotAllowed } from "@/lib/api/http";
import { readAgentSettings, updateAgentSettings } from "@/lib/agent";

export const dynamic = "force-dynamic";

/** The workspace's agent policy (every key, defaults included). */
export const GET = callerRoute("incident:read", async ({ db, actor }) => json(keysToSnake(await readAgentSettings(db, actor.workspaceId))));

/** Replaces the agent policy: every key is required (admin scope). */
export const PUT = callerRoute("workspace:admin", async ({ db, actor, request }) =>
  resultResponse(snakeFieldNames(await updateAgentSettings(db, actor, keysToCamel(await readJson(request, 16 * 1024)))), 200, (s) => keysToSnake(s)),
);

/** Changes some keys of the agent policy; the others keep their current value (admin scope). */
export const PATCH = callerRoute("workspace:admin", async ({ db, actor, request }) => {
  const body = keysToCamel(await readJson(request, 16 * 1024));
  const current = await readAgentSettings(db, actor.workspaceId);
  const merged = body && typeof body === "object" && !Array.isArray(body) ? { ...current, ...body } : body;
  return resultResponse(snakeFieldNames(await updateAgentSettings(db, actor, merged)), 200, (s) => keysToSnake(s));
});

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { POST, DELETE } = methodNotAllowed("GET", "PUT", "PATCH", "HEAD");
