import { callerRoute, json, methodNotAllowed } from "@/lib/api/http";
import { approvalsInbox } from "@/lib/agent";

export const dynamic = "force-dynamic";

/** Every plan awaiting approval in the workspace, oldest first (the inbox and the nav badge). */
export const GET = callerRoute<{ slug: string }>("incident:read", async ({ db, actor }) =>
  json(await approvalsInbox(db, actor), { headers: { "cache-control": "no-store" } }),
);

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET", "HEAD");
