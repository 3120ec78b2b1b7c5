import { callerRoute, json, methodNotAllowed } from "@/lib/api/http";
import { incidentLeads } from "@/lib/oncall";

export const dynamic = "force-dynamic";

/** `{ incidentId: leadName }` for the workspace's incidents with a lead (the board's cards). */
export const GET = callerRoute<{ slug: string }>("incident:read", async ({ db, actor }) => json(await incidentLeads(db, actor.workspaceId), { headers: { "cache-control": "no-store" } }));

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET", "HEAD");
