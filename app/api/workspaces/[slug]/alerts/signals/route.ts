import { callerRoute, json, methodNotAllowed, searchParams } from "@/lib/api/http";
import { listSignals } from "@/lib/alerts";

export const dynamic = "force-dynamic";

/** The alerts list for the app's screen (camelCase): the same filters as GET /api/v1/signals. */
export const GET = callerRoute<{ slug: string }>("incident:read", async ({ db, actor, request }) =>
  json(await listSignals(db, actor, searchParams(request)), { headers: { "cache-control": "no-store" } }),
);

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET", "HEAD");
