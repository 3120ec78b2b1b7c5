import { callerRoute, readOptionalJson, resultResponse, methodNotAllowed } from "@/lib/api/http";
import { serializePlan } from "@/lib/api/rest";
import { rejectPlan } from "@/lib/agent";

export const dynamic = "force-dynamic";

/** Rejects a plan waiting for approval. Body: `{ comment? }` or nothing. */
export const POST = callerRoute<{ id: string }>("agent:approve", async ({ db, actor, request, params }) =>
  resultResponse(await rejectPlan(db, actor, params.id, await readOptionalJson(request, 16 * 1024)), 200, serializePlan),
);

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { GET, PUT, PATCH, DELETE } = methodNotAllowed("POST");
