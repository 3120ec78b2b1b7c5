import { callerRoute, json, searchParams, methodNotAllowed } from "@/lib/api/http";
import { serializeSimulation } from "@/lib/api/rest";
import { parseInput, unwrap } from "@/lib/result";
import { clearFailure } from "@/lib/simulation";
import { clearFailureQuerySchema } from "@/lib/simulation/shared";

export const dynamic = "force-dynamic";

/** Clears the system's injected failures (or only `?failure=bloat`); clearing a healthy system is a no-op. */
export const POST = callerRoute<{ system: string }>("simulation:run", async ({ db, actor, request, params }) => {
  const { failure } = parseInput(clearFailureQuerySchema, searchParams(request));
  const result = unwrap(await clearFailure(db, actor, params.system, failure));
  return json({ system: result.system, cleared: result.cleared.map(serializeSimulation) });
});

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { GET, HEAD, PUT, PATCH, DELETE } = methodNotAllowed("POST");
