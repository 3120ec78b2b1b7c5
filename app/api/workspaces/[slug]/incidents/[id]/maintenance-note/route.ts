import { callerRoute, json, methodNotAllowed } from "@/lib/api/http";
import { maintenanceNoteForIncident } from "@/lib/alerts";

export const dynamic = "force-dynamic";

/** The maintenance window that ended shortly before this incident opened (`null` when none). */
export const GET = callerRoute<{ slug: string; id: string }>("incident:read", async ({ db, actor, params }) =>
  json({ note: await maintenanceNoteForIncident(db, actor, params.id) }, { headers: { "cache-control": "no-store" } }),
);

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET", "HEAD");
