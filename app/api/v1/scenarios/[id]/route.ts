import { callerRoute, json, methodNotAllowed } from "@/lib/api/http";
import { unwrap } from "@/lib/result";
import { serializeScenario } from "@/lib/simulation/shared";
import { deleteCustomScenario, getScenario } from "@/lib/simulation";

export const dynamic = "force-dynamic";

/** A scenario in full: metrics, phases, context, expected outcome, conversation. */
export const GET = callerRoute<{ id: string }>("incident:read", async ({ db, actor, params }) => {
  return json(serializeScenario(await getScenario(db, actor.workspaceId, params.id)));
});

/** Deletes a custom scenario (built-ins cannot be deleted). */
export const DELETE = callerRoute<{ id: string }>("simulation:run", async ({ db, actor, params }) => {
  return json(unwrap(await deleteCustomScenario(db, actor, params.id)));
});

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { POST, PUT, PATCH } = methodNotAllowed("GET", "DELETE", "HEAD");
