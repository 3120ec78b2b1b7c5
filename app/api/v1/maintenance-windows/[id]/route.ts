import { callerRoute, methodNotAllowed, resultResponse } from "@/lib/api/http";
import { deleteMaintenanceWindow } from "@/lib/alerts";

export const dynamic = "force-dynamic";

export const DELETE = callerRoute<{ id: string }>("incident:write", async ({ db, actor, params }) => resultResponse(await deleteMaintenanceWindow(db, actor, params.id)));

export const { GET, POST, PUT, PATCH } = methodNotAllowed("DELETE");
