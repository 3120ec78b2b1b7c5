import { callerRoute, json, methodNotAllowed } from "@/lib/api/http";
import { listActionItems } from "@/lib/postmortems";

export const dynamic = "force-dynamic";

/** Every post-mortem action item of the workspace. */
export const GET = callerRoute<{ slug: string }>("incident:read", async ({ db, actor }) =>
  json({ items: await listActionItems(db, actor.workspaceId) }, { headers: { "cache-control": "no-store" } }),
);

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET");
