import { callerRoute, json, methodNotAllowed, searchParams } from "@/lib/api/http";
import { activeMaintenanceWindows, listMaintenanceWindows } from "@/lib/alerts";

export const dynamic = "force-dynamic";

/** Every window, or `?active=1` those holding some service now (the board's banner). */
export const GET = callerRoute<{ slug: string }>("incident:read", async ({ db, actor, request }) =>
  json(searchParams(request).active ? await activeMaintenanceWindows(db, actor) : await listMaintenanceWindows(db, actor), { headers: { "cache-control": "no-store" } }),
);

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET", "HEAD");
