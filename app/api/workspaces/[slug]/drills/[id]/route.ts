import { callerRoute, json, methodNotAllowed } from "@/lib/api/http";
import { getDrillPage } from "@/lib/drills";

export const dynamic = "force-dynamic";

/** The drill page (the drill and the hypotheses to accept from) for polling while it runs. */
export const GET = callerRoute<{ slug: string; id: string }>("incident:read", async ({ db, actor, params }) =>
  json(await getDrillPage(db, actor, params.id), { headers: { "cache-control": "no-store" } }),
);

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET", "HEAD");
