import { callerRoute, methodNotAllowed } from "@/lib/api/http";
import { openEventStream } from "@/lib/api/realtime";

export const dynamic = "force-dynamic";

/** The built-in driver's server-sent events for the workspace. */
export const GET = callerRoute<{ slug: string }>("incident:read", async ({ db, actor, workspace, request }) =>
  openEventStream(db, { actor, workspace }, request.signal),
);

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET", "HEAD");
