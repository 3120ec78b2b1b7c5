import { callerRoute, json, parseJson, readBody, methodNotAllowed } from "@/lib/api/http";
import { unwrap } from "@/lib/result";
import { triggerFailure } from "@/lib/simulation";
import { serializeSimulation } from "@/lib/api/rest";

export const dynamic = "force-dynamic";

/** Injects a failure: redis/memory, postgres/connections, postgres/bloat, disk/full (body: `{ speed?, seed? }`). */
export const POST = callerRoute<{ system: string; failure: string }>("simulation:run", async ({ db, actor, request, params }) => {
  const { system, failure } = params;
  const text = await readBody(request, 16 * 1024);
  const row = unwrap(await triggerFailure(db, actor, system, failure, text.trim() ? parseJson(text) : {}));
  return json(serializeSimulation(row), 201);
});

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { GET, HEAD, PUT, PATCH, DELETE } = methodNotAllowed("POST");
