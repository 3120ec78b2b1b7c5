import { callerRoute, json, methodNotAllowed } from "@/lib/api/http";
import { getSystemsHealth } from "@/lib/simulation";

export const dynamic = "force-dynamic";

/** Health (%) per system of the simulated world, for the board's health strip. */
export const GET = callerRoute<{ slug: string }>("incident:read", async ({ db, actor }) =>
  json(await getSystemsHealth(db, actor.workspaceId), { headers: { "cache-control": "no-store" } }),
);

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET", "HEAD");
