import { callerRoute, json, methodNotAllowed } from "@/lib/api/http";
import { realtimeConfig } from "@/lib/api/realtime";

export const dynamic = "force-dynamic";

/** Which driver the browser connects with, the workspace's channel, and who the caller is. */
export const GET = callerRoute<{ slug: string }>("incident:read", async ({ actor, workspace }) =>
  json(await realtimeConfig({ actor, workspace }), { headers: { "cache-control": "no-store" } }),
);

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET", "HEAD");
