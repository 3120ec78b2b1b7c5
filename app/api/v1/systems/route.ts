import { callerRoute, json, methodNotAllowed } from "@/lib/api/http";
import { getSystemsHealth } from "@/lib/simulation";

export const dynamic = "force-dynamic";

/** Health (%) per system of the simulated world, with the threshold below which incidents open. */
export const GET = callerRoute("incident:read", async ({ db, actor }) => {
  return json(await getSystemsHealth(db, actor.workspaceId));
});

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET", "HEAD");
