import { callerRoute, json, methodNotAllowed, searchParams } from "@/lib/api/http";
import { getAnalyticsSummary } from "@/lib/analytics";
import { unwrap } from "@/lib/result";

export const dynamic = "force-dynamic";

/** The analytics page's report for react-query refetches: the same query string as /analytics. */
export const GET = callerRoute<{ slug: string }>("incident:read", async ({ db, actor, request }) =>
  json(unwrap(await getAnalyticsSummary(db, actor, searchParams(request))), { headers: { "cache-control": "no-store" } }),
);

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET", "HEAD");
