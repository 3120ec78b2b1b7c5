import { callerRoute, json, methodNotAllowed, readJson, resultResponse } from "@/lib/api/http";
import { serializeMaintenanceWindow } from "@/lib/api/alerts-rest";
import { createMaintenanceWindow, listMaintenanceWindows } from "@/lib/alerts";

export const dynamic = "force-dynamic";

export const GET = callerRoute("incident:read", async ({ db, actor }) => json({ items: (await listMaintenanceWindows(db, actor)).map(serializeMaintenanceWindow) }));

/** `{ services: [] (all) | ["checkout"], starts_at, ends_at, recurrence?: none|daily|weekly, recurrence_until?, reason }`. */
export const POST = callerRoute("incident:write", async ({ db, actor, request }) =>
  resultResponse(await createMaintenanceWindow(db, actor, await readJson(request)), 201, serializeMaintenanceWindow),
);

export const { PUT, PATCH, DELETE } = methodNotAllowed("GET", "POST", "HEAD");
