import { getDb } from "@/db";
import { json, route } from "@/lib/api/http";
import { assertCronCaller } from "@/lib/auth";
import { tickSimulations } from "@/lib/simulation";

export const dynamic = "force-dynamic";

/** Advances every running simulation (external cron, `Bearer $CRON_SECRET`); one instance at a time. */
async function tick(request: Request) {
  assertCronCaller(request);
  return json(await tickSimulations(await getDb()));
}

export const GET = route(tick);
export const POST = route(tick);
