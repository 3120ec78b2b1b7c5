import { callerRoute, methodNotAllowed, readJson, resultResponse } from "@/lib/api/http";
import { serializeWebhook } from "@/lib/api/oncall-rest";
import { deleteWebhook, updateWebhook } from "@/lib/notifications";

export const dynamic = "force-dynamic";

/** Turns a webhook on or off (`{ "enabled": false }`). */
export const PATCH = callerRoute<{ id: string }>("workspace:admin", async ({ db, actor, request, params }) =>
  resultResponse(await updateWebhook(db, actor, params.id, await readJson(request, 4 * 1024)), 200, serializeWebhook),
);

export const DELETE = callerRoute<{ id: string }>("workspace:admin", async ({ db, actor, params }) => resultResponse(await deleteWebhook(db, actor, params.id)));

export const { GET, POST, PUT } = methodNotAllowed("PATCH", "DELETE");
