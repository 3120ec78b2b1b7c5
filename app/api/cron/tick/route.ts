import { getDb } from "@/db";
import { json, route, methodNotAllowed } from "@/lib/api/http";
import { assertCronCaller } from "@/lib/api/caller";
import { tickSimulations } from "@/lib/simulation";

export const dynamic = "force-dynamic";

/** Advances every running simulation (external cron, `Bearer $CRON_SECRET`); one instance at a time. */
async function tick(request: Request) {
  assertCronCaller(request);
  return json(await tickSimulations(await getDb()));
}

export const GET = route(tick);
export const POST = route(tick);

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { PUT, PATCH, DELETE } = methodNotAllowed("GET", "POST", "HEAD");
