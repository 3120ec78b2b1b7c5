import { getDb } from "@/db";
import { keysToCamel, keysToSnake } from "@/lib/api/case";
import { json, methodNotAllowed, readJson, resultResponse, route } from "@/lib/api/http";
import { requireRequestActor } from "@/lib/auth/request-actor";
import { DEFAULT_RULE, listRules, saveRule } from "@/lib/intake/rules";

export const dynamic = "force-dynamic";

export const GET = route(async (request: Request) => {
  const db = await getDb();
  const actor = await requireRequestActor(db, request, "incident:read");
  const rules = await listRules(db, actor);
  return json({
    items: rules.map(({ workspaceId: _ws, ...r }) => keysToSnake(r)),
    defaults: { min_count: DEFAULT_RULE.minCount, window_seconds: DEFAULT_RULE.windowMs / 1000, min_level: DEFAULT_RULE.minLevel, severity: null },
  });
});

/** Creates or replaces the rule of `service` ("*" for the workspace default). */
export const PUT = route(async (request: Request) => {
  const db = await getDb();
  const actor = await requireRequestActor(db, request, "workspace:admin");
  const body = keysToCamel(await readJson(request));
  return resultResponse(await saveRule(db, actor, body), 200, ({ workspaceId: _ws, ...r }) => keysToSnake(r));
});

export const POST = PUT;

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { PATCH, DELETE } = methodNotAllowed("GET", "POST", "PUT", "HEAD");
