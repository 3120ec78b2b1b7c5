import { getDb } from "@/db";
import { json, methodNotAllowed, readJson, route } from "@/lib/api/http";
import { requireRequestActor } from "@/lib/auth/request-actor";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { parseAlertmanager } from "@/lib/intake/alert-formats";
import { parseEvents } from "@/lib/intake/ingest-events";

export const dynamic = "force-dynamic";

/**
 * The benchmark's ceiling (only with INTAKE_BENCH_NOOP=on): authenticates and parses a body exactly
 * like intake does, then writes nothing. `?kind=alertmanager` parses an Alertmanager webhook.
 */
export const POST = route(async (request: Request) => {
  if (env().INTAKE_BENCH_NOOP !== "on") throw new AppError("not_found:route", "Not found.");
  const db = await getDb();
  await requireRequestActor(db, request, "event:ingest");
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

/** Other methods: 405 with a JSON body naming the allowed ones. */
export const { GET, HEAD, PUT, PATCH, DELETE } = methodNotAllowed("POST");
