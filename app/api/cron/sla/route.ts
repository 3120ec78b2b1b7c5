import { getDb } from "@/db";
import { json, methodNotAllowed, route } from "@/lib/api/http";
import { assertCronCaller } from "@/lib/api/caller";
import { watchSla } from "@/lib/sla";

export const dynamic = "force-dynamic";

/** The SLA watcher (external cron, `Bearer $CRON_SECRET`): one timeline entry per 75 % / breach crossing. */
async function tick(request: Request) {
  assertCronCaller(request);
  return json(await watchSla(await getDb()));
}

export const GET = route(tick);
export const POST = route(tick);
export const { PUT, PATCH, DELETE } = methodNotAllowed("GET", "POST");
