import { callerRoute, json, methodNotAllowed } from "@/lib/api/http";
import { listSimulations } from "@/lib/simulation";
import { simulationView } from "@/lib/simulation/shared";

export const dynamic = "force-dynamic";

/** The workspace's most recent runs, for the scenarios page's runs panel. */
export const GET = callerRoute<{ slug: string }>("incident:read", async ({ db, actor }) =>
  json({ items: (await listSimulations(db, actor.workspaceId, { limit: 20 })).map(simulationView) }, { headers: { "cache-control": "no-store" } }),
);

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET", "HEAD");
