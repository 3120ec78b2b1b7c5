import { callerRoute, methodNotAllowed, resultResponse, searchParams } from "@/lib/api/http";
import { deepSnake } from "@/lib/api/rest";
import { getAnalyticsSummary } from "@/lib/analytics";

export const dynamic = "force-dynamic";

/** MTTA/MTTR, SLA attainment and the other report figures for `?from=&to=&severity=&service=&team=&view=`. */
export const GET = callerRoute("incident:read", async ({ db, actor, request }) =>
  resultResponse(await getAnalyticsSummary(db, actor, searchParams(request)), 200, deepSnake),
);

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { POST, PUT, PATCH, DELETE } = methodNotAllowed("GET", "HEAD");
