import { callerRoute, methodNotAllowed, readJson, resultResponse } from "@/lib/api/http";
import { serializePlan } from "@/lib/api/rest";
import { proposeSystemAction } from "@/lib/agent";

export const dynamic = "force-dynamic";

/**
 * Proposes one catalog action on a system of the simulated world: `{ action: "cleanup_disk" }` (the
 * world's own names, such as `cleanup_old_logs`, work too). It becomes a plan of the SRE agent —
 * approval, execution, verification — attached to the drill's open incident on that system.
 */
export const POST = callerRoute<{ system: string }>("incident:write", async ({ db, actor, request, params }) =>
  resultResponse(await proposeSystemAction(db, actor, params.system, await readJson(request, 16 * 1024)), 201, serializePlan),
);

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { GET, HEAD, PUT, PATCH, DELETE } = methodNotAllowed("POST");
