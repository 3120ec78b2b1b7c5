import { callerRoute, json, readJson, methodNotAllowed } from "@/lib/api/http";
import { unwrap } from "@/lib/result";
import { applyWorldAction } from "@/lib/simulation";

export const dynamic = "force-dynamic";

/** Applies a remediation to a service of the simulated world: `{ action: "restart", simulation_id? }`. */
export const POST = callerRoute<{ system: string }>("simulation:run", async ({ db, actor, request, params }) => {
  const body = (await readJson(request, 16 * 1024)) as Record<string, unknown>;
  const service = params.system;
  return json(unwrap(await applyWorldAction(db, actor, { ...(body && typeof body === "object" ? body : {}), service })));
});

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { GET, HEAD, PUT, PATCH, DELETE } = methodNotAllowed("POST");
