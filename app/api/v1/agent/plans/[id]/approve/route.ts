import { callerRoute, readOptionalJson, resultResponse, methodNotAllowed } from "@/lib/api/http";
import { serializePlan } from "@/lib/api/rest";
import { approvePlan } from "@/lib/agent";

export const dynamic = "force-dynamic";

/** Approves a plan waiting for approval and executes it (409 if it is no longer waiting). Body: `{ comment? }` or nothing. */
export const POST = callerRoute<{ id: string }>("agent:approve", async ({ db, actor, request, params }) =>
  resultResponse(await approvePlan(db, actor, params.id, await readOptionalJson(request, 16 * 1024)), 200, serializePlan),
);

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { GET, PUT, PATCH, DELETE } = methodNotAllowed("POST");
