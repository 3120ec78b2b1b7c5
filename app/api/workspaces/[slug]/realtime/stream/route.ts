import { callerRoute } from "@/lib/api/http";
import { openEventStream } from "@/lib/realtime";

export const dynamic = "force-dynamic";

/** The built-in driver's server-sent events for the workspace. */
export const GET = callerRoute<{ slug: string }>("incident:read", async ({ db, actor, workspace, request }) =>
  openEventStream(db, { actor, workspace }, request.signal),
);
