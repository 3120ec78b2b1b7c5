import { getDb } from "@/db";
import { json, methodNotAllowed, route } from "@/lib/api/http";
import { assertCronCaller } from "@/lib/api/caller";
import { runEscalateJob } from "@/lib/oncall";

export const dynamic = "force-dynamic";

/** The escalation engine (external cron, `Bearer $CRON_SECRET`): starts runs, pages due levels, tells people of status changes. */
async function tick(request: Request) {
  assertCronCaller(request);
  return json(await runEscalateJob(await getDb()));
}

export const GET = route(tick);
export const POST = route(tick);
export const { PUT, PATCH, DELETE } = methodNotAllowed("GET", "POST");
