import { getDb } from "@/db";
import { json, route, methodNotAllowed } from "@/lib/api/http";
import { runAgentJobs } from "@/lib/agent";
import { assertCronCaller } from "@/lib/api/caller";

export const dynamic = "force-dynamic";

/** The SRE agent's background work (external cron, `Bearer $CRON_SECRET`): expiry, verification, stalled executions. */
async function tick(request: Request) {
  assertCronCaller(request);
  return json(await runAgentJobs(await getDb()));
}

export const GET = route(tick);
export const POST = route(tick);

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { PUT, PATCH, DELETE } = methodNotAllowed("GET", "POST", "HEAD");
