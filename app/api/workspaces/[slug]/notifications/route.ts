import { callerRoute, json, methodNotAllowed } from "@/lib/api/http";
import { getInbox } from "@/lib/notifications";

export const dynamic = "force-dynamic";

/** The signed-in member's inbox (the bell): newest first, with the unread count. */
export const GET = callerRoute<{ slug: string }>("incident:read", async ({ db, actor }) => json(await getInbox(db, actor), { headers: { "cache-control": "no-store" } }));

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET", "HEAD");
