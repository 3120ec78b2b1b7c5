import { keysToCamel, keysToSnake } from "@/lib/api/case";
import { callerRoute, json, methodNotAllowed, readJson, resultResponse } from "@/lib/api/http";
import { createRunbook, listRunbooks, type RunbookView } from "@/lib/runbooks";

export const dynamic = "force-dynamic";

const serialize = (r: RunbookView) => keysToSnake(r);

/** The workspace's runbooks (the built-in library included), by title. */
export const GET = callerRoute("incident:read", async ({ db, actor }) => json({ runbooks: (await listRunbooks(db, actor.workspaceId)).map(serialize) }));

/** Adds a runbook: title, summary, services, categories, markdown body. 409 when the title is taken. */
export const POST = callerRoute("runbook:write", async ({ db, actor, request }) =>
  resultResponse(await createRunbook(db, actor, keysToCamel(await readJson(request))), 201, serialize),
);

export const { PUT, PATCH, DELETE } = methodNotAllowed("GET", "POST");
