import { callerRoute, json, methodNotAllowed } from "@/lib/api/http";
import { getSimulation } from "@/lib/simulation";
import { serializeSimulation } from "@/lib/api/rest";

export const dynamic = "force-dynamic";

/** Status, elapsed world time, health per system, incidents opened, diagnosis when done. */
export const GET = callerRoute<{ id: string }>("incident:read", async ({ db, actor, params }) => {
  return json(serializeSimulation(await getSimulation(db, { workspaceId: actor.workspaceId, id: params.id })));
});

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET", "HEAD");
