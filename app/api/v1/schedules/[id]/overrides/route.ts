import { callerRoute, methodNotAllowed, readJson, resultResponse } from "@/lib/api/http";
import { deepKeysToCamel, serializeOverride } from "@/lib/api/oncall-rest";
import { addOverride } from "@/lib/oncall";

export const dynamic = "force-dynamic";

/** Someone covers a layer of the schedule from `starts_at` to `ends_at` (the newest override wins where they overlap). */
export const POST = callerRoute<{ id: string }>("incident:write", async ({ db, actor, request, params }) =>
  resultResponse(await addOverride(db, actor, params.id, deepKeysToCamel(await readJson(request, 16 * 1024))), 201, serializeOverride),
);

export const { GET, PUT, PATCH, DELETE } = methodNotAllowed("POST");
