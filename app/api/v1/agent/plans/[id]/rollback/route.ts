import { callerRoute, readOptionalJson, resultResponse, methodNotAllowed } from "@/lib/api/http";
import { serializePlan } from "@/lib/api/rest";
import { rollbackPlan } from "@/lib/agent";

export const dynamic = "force-dynamic";

/** Rolls back an executed plan's reversible steps. Body: `{ comment? }` or nothing. */
export const POST = callerRoute<{ id: string }>("agent:approve", async ({ db, actor, request, params }) =>
  resultResponse(await rollbackPlan(db, actor, params.id, await readOptionalJson(request, 16 * 1024)), 200, serializePlan),
);

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { GET, PUT, PATCH, DELETE } = methodNotAllowed("POST");
