import { callerRoute, json } from "@/lib/api/http";
import { unwrap } from "@/lib/result";
import { clearFailure } from "@/lib/simulation";
import { serializeSimulation } from "@/lib/api/rest";

export const dynamic = "force-dynamic";

/** Clears the system's injected failures (or only `?failure=bloat`); clearing a healthy system is a no-op. */
export const POST = callerRoute<{ system: string }>("simulation:run", async ({ db, actor, request, params }) => {
  const failure = new URL(request.url).searchParams.get("failure") ?? undefined;
  const result = unwrap(await clearFailure(db, actor, params.system, failure));
  return json({ system: result.system, cleared: result.cleared.map(serializeSimulation) });
});
