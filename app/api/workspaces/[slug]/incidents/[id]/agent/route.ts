import { callerRoute, json, methodNotAllowed } from "@/lib/api/http";
import { incidentAgentPanel } from "@/lib/agent";

export const dynamic = "force-dynamic";

/** The agent panel of an incident: mode, world, targets and plans (verifying ones read again). */
export const GET = callerRoute<{ slug: string; id: string }>("incident:read", async ({ db, actor, params }) =>
  json(await incidentAgentPanel(db, actor, params.id), { headers: { "cache-control": "no-store" } }),
);

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET", "HEAD");
