import { keysToCamel, keysToSnake } from "@/lib/api/case";
import { callerRoute, json, readJson, resultResponse, methodNotAllowed } from "@/lib/api/http";
import { DEFAULT_RULE, listRules, saveRule } from "@/lib/intake";

export const dynamic = "force-dynamic";

export const GET = callerRoute("incident:read", async ({ db, actor }) => {
  const rules = await listRules(db, actor);
  return json({
    items: rules.map(({ workspaceId: _ws, ...r }) => keysToSnake(r)),
    defaults: { min_count: DEFAULT_RULE.minCount, window_seconds: DEFAULT_RULE.windowMs / 1000, min_level: DEFAULT_RULE.minLevel, severity: null },
  });
});

/** Creates or replaces the rule of `service` ("*" for the workspace default). */
export const PUT = callerRoute("workspace:admin", async ({ db, actor, request }) => {
  const body = keysToCamel(await readJson(request));
  return resultResponse(await saveRule(db, actor, body), 200, ({ workspaceId: _ws, ...r }) => keysToSnake(r));
});

export const POST = PUT;

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { PATCH, DELETE } = methodNotAllowed("GET", "POST", "PUT", "HEAD");
