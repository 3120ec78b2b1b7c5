import { getDb } from "@/db";
import { json, methodNotAllowed, route } from "@/lib/api/http";
import { runGenerator } from "@/lib/generator";
import { assertCronCaller } from "@/lib/api/caller";

export const dynamic = "force-dynamic";

/** The incident generator (external cron, `Bearer $CRON_SECRET`): every due workspace gets its incident. */
async function tick(request: Request) {
  assertCronCaller(request);
  return json(await runGenerator(await getDb()));
}

export const GET = route(tick);
export const POST = route(tick);

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { PUT, PATCH, DELETE } = methodNotAllowed("GET", "POST", "HEAD");
