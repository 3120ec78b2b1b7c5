import { getDb } from "@/db";
import { json, methodNotAllowed, route } from "@/lib/api/http";
import { assertCronCaller } from "@/lib/api/caller";
import { runNotifyJob } from "@/lib/oncall";

export const dynamic = "force-dynamic";

/** Outbound notification deliveries (external cron, `Bearer $CRON_SECRET`): webhooks and email, with retries. */
async function tick(request: Request) {
  assertCronCaller(request);
  return json(await runNotifyJob(await getDb()));
}

export const GET = route(tick);
export const POST = route(tick);
export const { PUT, PATCH, DELETE } = methodNotAllowed("GET", "POST");
