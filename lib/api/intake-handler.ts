import "server-only";
import type { Database } from "@/db/client";
import { API_KEY_PREFIX } from "@/lib/auth";
import { presentedApiKey, requestCaller } from "./caller";
import { DEFAULT_BODY_LIMIT, errorResponse, json, parseJson, readBody } from "./http";
import { requestIdOf } from "./request-context";
import { env } from "@/env";
import { AppError, dataExceptionError, isAppError } from "@/lib/errors";
import { sharedLimiter } from "@/lib/rate-limit/limiter";
import { logger } from "@/lib/logger";
import { processIntake, recordDeadLetter, senders, type IntakeEndpoint } from "@/lib/intake";

const log = logger("intake");

/** PagerDuty senders put the key in `routing_key` and send no header: one of ours there is the caller's key. */
function routingKey(request: Request, endpoint: IntakeEndpoint, text: string | undefined): string | undefined {
  if (presentedApiKey(request) || endpoint !== "pagerduty" || !text) return undefined;
  try {
    const key = (JSON.parse(text) as { routing_key?: unknown })?.routing_key;
    return typeof key === "string" && key.startsWith(API_KEY_PREFIX) ? key : undefined;
  } catch {
    // Not JSON: the ordinary check answers (401), the body is judged after that.
    return undefined;
  }
}

/** The error body of each sender: PagerDuty's own shape, and field-by-field errors for event batches. */
function rejection(endpoint: IntakeEndpoint, error: AppError): Response {
  const response = error.toResponse();
  const base = error.toJSON() as Record<string, unknown>;
  let body: Record<string, unknown> = base;
  if (endpoint === "pagerduty" && error.status === 400) {
    body = { status: "invalid event", message: "Event object is invalid", errors: (error.issues ?? []).map((i) => `${i.path} ${i.message}`), ...base };
  } else if (endpoint === "events" && error.status === 422) {
    body = {
      ...base,
      errors: (error.issues ?? []).map((i) => {
        const m = /^(\d+)\.(.+)$/.exec(i.path);
        return m ? { index: Number(m[1]), field: m[2], message: i.message } : { index: null, field: i.path, message: i.message };
      }),
    };
  }
  return new Response(JSON.stringify(body), { status: response.status, headers: response.headers });
}

const rejectable = new Set([400, 413, 422]);

/**
 * One handler for every intake endpoint: authenticate (401/403, nothing kept), read at most 1 MiB
 * (413), parse (400), rate-limit per key (429, or 503 for Alertmanager/Grafana), then process.
 * Rejected bodies (400/413/422) go to the dead-letter table for inspection and replay. Bad input is
 * never a 5xx: a database data exception that got past validation is a 422 too (and dead-lettered);
 * a real 500 is logged with the request id, which the answer carries.
 */
export function intakeHandler(endpoint: IntakeEndpoint, getDb: () => Promise<Database>) {
  return async (request: Request): Promise<Response> => {
    const requestId = requestIdOf(request);
    let reject: ((error: AppError, body: string) => Promise<Response>) | undefined;
    let text: string | undefined;
    try {
      const db = await getDb();
      let tooLarge: AppError | undefined;
      try {
        text = await readBody(request, DEFAULT_BODY_LIMIT);
      } catch (e) {
        if (isAppError(e) && e.type === "payload_too_large") tooLarge = e;
        // The sender hung up mid-body: nobody is left to answer, and it is not our fault.
        else if ((e as { code?: string }).code === "ECONNRESET" || request.signal.aborted) return json({ error: "The request was aborted.", code: "bad_request:aborted" }, 400);
        else throw e;
      }
      const { actor } = await requestCaller(db, request, { permission: "event:ingest", apiKey: routingKey(request, endpoint, text) });
      const contentType = request.headers.get("content-type");
      reject = async (error: AppError, body: string) => {
        if (rejectable.has(error.status)) {
          await recordDeadLetter(db, actor.workspaceId, {
            source: endpoint,
            status: error.status,
            reason: error.message,
            issues: error.issues,
            body,
            contentType,
            budgetKey: actor.id ?? actor.kind,
          });
        }
        return rejection(endpoint, error);
      };
      if (tooLarge || text === undefined) return reject(tooLarge ?? new AppError("bad_request:body", "No body."), "");
      let body: unknown;
      try {
        if (text.trim() === "") throw new AppError("bad_request:json", "The request body is empty; JSON was expected.", { issues: [{ path: "(body)", message: "is required" }] });
        body = parseJson(text);
      } catch (e) {
        if (isAppError(e)) return reject(e, text);
        throw e;
      }
      const limit = env().INTAKE_RATE_LIMIT_PER_MINUTE;
      const decision = sharedLimiter("intake", limit, 60_000).take(`${actor.workspaceId}:${actor.id ?? actor.kind}`, senders[endpoint].cost(body));
      if (!decision.allowed) {
        const status = senders[endpoint].overloadStatus;
        return json(
          { error: `Rate limit of ${limit} events per minute for this key reached. Retry after ${decision.retryAfterSeconds} s.`, code: status === 429 ? "rate_limited" : "unavailable:rate_limited" },
          { status, headers: { "retry-after": String(decision.retryAfterSeconds) } },
        );
      }
      const idempotencyKey = request.headers.get("idempotency-key")?.slice(0, 255) || undefined;
      // The app's own handle, outside any transaction: concurrent calls of one caller may share one.
      const result = await processIntake(db, actor, endpoint, body, { idempotencyKey, bodyText: text, coalesce: true });
      if (result.ok) return json(result.data.body, result.data.status);
      if (result.code === "internal") {
        // The cause was logged where it happened; this line ties it to the answer the sender got.
        log.error({ requestId, endpoint }, "intake failed with an internal error");
        return json({ error: result.error, code: "internal", request_id: requestId }, { status: 500, headers: { "x-request-id": requestId } });
      }
      return reject(new AppError(result.code, result.error, { issues: result.issues }), text);
    } catch (e) {
      const data = dataExceptionError(e);
      if (data && reject) return reject(data, text ?? "");
      return errorResponse(e, requestId);
    }
  };
}
