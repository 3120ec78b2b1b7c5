import { callerRoute, json } from "@/lib/api/http";
import { getSimulation } from "@/lib/simulation";
import { serializeSimulation } from "@/lib/api/rest";

export const dynamic = "force-dynamic";

/** Status, elapsed world time, health per system, incidents opened, diagnosis when done. */
export const GET = callerRoute<{ id: string }>("incident:read", async ({ db, actor, params }) => {
  return json(serializeSimulation(await getSimulation(db, { workspaceId: actor.workspaceId, id: params.id })));
});
