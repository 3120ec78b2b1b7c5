import { callerRoute, json, methodNotAllowed } from "@/lib/api/http";
import { listSlaAlerts } from "@/lib/sla";

export const dynamic = "force-dynamic";

/** The SLA badges of the open incidents (worst recorded crossing each), for the board's cards. */
export const GET = callerRoute<{ slug: string }>("incident:read", async ({ db, actor }) =>
  json({ alerts: await listSlaAlerts(db, actor.workspaceId) }, { headers: { "cache-control": "no-store" } }),
);

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET");
