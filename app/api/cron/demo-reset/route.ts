import { getDb } from "@/db";
import { json, route, methodNotAllowed } from "@/lib/api/http";
import { assertCronCaller } from "@/lib/api/caller";
import { env } from "@/env";
import { AppError } from "@/lib/errors";
import { runScheduledDemoReset } from "@/lib/workspaces";

export const dynamic = "force-dynamic";

/** Resets the public demo workspace to its seed (Vercel Cron or any scheduler, `Bearer $CRON_SECRET`). */
async function reset(request: Request) {
  assertCronCaller(request);
  if (env().DEMO_MODE !== "on") throw new AppError("not_found:demo", "Demo mode is off.");
  const { ran } = await runScheduledDemoReset(await getDb());
  return json({ ok: true, ran });
}

export const GET = route(reset);
export const POST = route(reset);

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { PUT, PATCH, DELETE } = methodNotAllowed("GET", "POST", "HEAD");
