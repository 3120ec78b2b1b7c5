import { getDb } from "@/db";
import { json, methodNotAllowed, route } from "@/lib/api/http";
import { requireRequestActor } from "@/lib/auth/request-actor";
import { getSystemsHealth } from "@/lib/simulation/queries";

export const dynamic = "force-dynamic";

/** Health (%) per system of the simulated world, with the threshold below which incidents open. */
export const GET = route(async (request: Request) => {
  const db = await getDb();
  const actor = await requireRequestActor(db, request, "incident:read");
  return json(await getSystemsHealth(db, actor.workspaceId));
});

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET", "HEAD");
