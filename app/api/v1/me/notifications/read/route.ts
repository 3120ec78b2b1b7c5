import { callerRoute, json, methodNotAllowed, readJson } from "@/lib/api/http";
import { markNotificationsRead } from "@/lib/notifications";
import { unwrap } from "@/lib/result";

export const dynamic = "force-dynamic";

/** Marks notifications read: `{ "ids": [...] }` or `{ "all": true }`. */
export const POST = callerRoute("incident:read", async ({ db, actor, request }) => json(unwrap(await markNotificationsRead(db, actor, await readJson(request, 16 * 1024)))));

export const { GET, PUT, PATCH, DELETE } = methodNotAllowed("POST");
