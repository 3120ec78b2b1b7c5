import { callerRoute, json, readJson, route, methodNotAllowed } from "@/lib/api/http";
import { env } from "@/env";
import { AppError } from "@/lib/errors";
import { parseAlertmanager } from "@/lib/intake";
import { parseEvents } from "@/lib/intake";

export const dynamic = "force-dynamic";

/**
 * The benchmark's ceiling (only with INTAKE_BENCH_NOOP=on): authenticates and parses a body exactly
 * like intake does, then writes nothing. `?kind=alertmanager` parses an Alertmanager webhook.
 */
const parseOnly = callerRoute("event:ingest", async ({ request }) => {
  let body: unknown;
  try {
    body = await readJson(request);
  } catch (e) {
    // The benchmark hangs up at the end of a run; that is not an error worth a log line.
    if ((e as { code?: string }).code === "ECONNRESET") return json({ error: "aborted" }, 400);
    throw e;
  }
  const kind = new URL(request.url).searchParams.get("kind");
  const accepted = kind === "alertmanager" ? parseAlertmanager(body).alerts.length : parseEvents(body).length;
  return json({ accepted, incidents: [] }, 202);
});

export const POST = route(async (request: Request) => {
  if (env().INTAKE_BENCH_NOOP !== "on") throw new AppError("not_found:route", "Not found.");
  return parseOnly(request);
});

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { GET, HEAD, PUT, PATCH, DELETE } = methodNotAllowed("POST");
