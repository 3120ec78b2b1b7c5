import { getDb } from "@/db";
import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/shared";
import { requestCaller, type WorkspaceRef } from "@/lib/api/caller";
import type { Permission } from "@/lib/auth";
import { AppError, asAppError, dataExceptionError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { unwrap, type Result } from "@/lib/result";
import { parseJson } from "@/lib/json";
import { currentRequestContext, requestIdOf, runWithRequestContext } from "./request-context";

export { parseJson };

const log = logger("api");

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

export function json(data: unknown, init: number | ResponseInit = 200): Response {
  const base = typeof init === "number" ? { status: init } : init;
  const headers = new Headers(base.headers);
  headers.set("content-type", "application/json");
  return new Response(JSON.stringify(data), { ...base, headers });
}

/**
 * Maps a thrown error to a response: AppErrors say what went wrong, a database data exception
 * (SQLSTATE class 22) is the caller's data (422), anything else is a 500 logged with the request id
 * (which the answer carries, so a report can be matched to the log line).
 */
export function errorResponse(e: unknown, requestId = currentRequestContext()?.requestId): Response {
  const known = asAppError(e);
  if (known) {
    if (known !== e) log.warn({ err: e, requestId }, "database refused a value");
    return known.toResponse();
  }
  log.error({ err: e, requestId }, "unhandled error in route");
  return json({ error: "Internal server error.", code: "internal", ...(requestId ? { request_id: requestId } : {}) }, {
    status: 500,
    headers: requestId ? { "x-request-id": requestId } : {},
  });
}

/**
 * Wraps a route handler so every failure becomes a JSON error with the right status. A database
 * data exception that got past validation is a 422 and its body is kept as a dead letter (when the
 * caller is known); a real 500 is logged with the request id.
 */
export function route<Args extends unknown[]>(handler: (...args: Args) => Promise<Response>) {
  return async (...args: Args): Promise<Response> => {
    const request = args[0] instanceof Request ? args[0] : undefined;
    const context = { requestId: requestIdOf(request), contentType: request?.headers.get("content-type") };
    return runWithRequestContext(context, async () => {
      try {
        return await handler(...args);
      } catch (e) {
        const data = dataExceptionError(e);
        if (data && request) {
          log.warn({ err: e, requestId: context.requestId, path: new URL(request.url).pathname }, "database refused a value");
          // Loaded only here: the dead-letter writer needs the database and the caller's identity.
          const { recordRouteDeadLetter } = await import("./route-dead-letter");
          await recordRouteDeadLetter(request, currentRequestContext() ?? context, data);
          return data.toResponse();
        }
        return errorResponse(e, context.requestId);
      }
    });
  };
}

/**
 * The answer for a method a route does not serve: 405 with a JSON body and an Allow header (Next's
 * own has an empty body). Spread into a route module: `export const { GET, PUT } = notAllowed("POST")`.
 */
export function methodNotAllowed(...allowed: string[]) {
  const handler = async (request: Request) =>
    json(
      { error: `${request.method} is not allowed here; use ${allowed.join(" or ")}.`, code: "method_not_allowed", allowed },
      { status: 405, headers: { allow: allowed.join(", ") } },
    );
  return { GET: handler, HEAD: handler, POST: handler, PUT: handler, PATCH: handler, DELETE: handler };
}

/** Reads the raw body with a size cap (413), without trusting Content-Length alone. */
export async function readBody(request: Request, maxBytes = DEFAULT_BODY_LIMIT): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  const context = currentRequestContext();
  if (context) context.bodyText = text;
  return text;
}

function tooLarge(maxBytes: number): AppError {
  return new AppError("payload_too_large:body", `The request body is larger than ${Math.round(maxBytes / 1024)} KiB.`, {
    issues: [{ path: "(body)", message: `must be at most ${maxBytes} bytes` }],
  });
}

/** Reads and parses a JSON body: 413 when too large, 400 when malformed. */
export async function readJson(request: Request, maxBytes = DEFAULT_BODY_LIMIT): Promise<unknown> {
  const text = await readBody(request, maxBytes);
  if (text.trim() === "") {
    throw new AppError("bad_request:json", "The request body is empty; JSON was expected.", { issues: [{ path: "(body)", message: "is required" }] });
  }
  return parseJson(text);
}

/** Reads a JSON body that may be absent: an empty body is `{}`; otherwise as `readJson`. */
export async function readOptionalJson(request: Request, maxBytes = DEFAULT_BODY_LIMIT): Promise<unknown> {
  const text = await readBody(request, maxBytes);
  return text.trim() === "" ? {} : parseJson(text);
}

/** A domain Result as an HTTP response. */
export function resultResponse<T>(result: Result<T>, status = 200, map: (data: T) => unknown = (d) => d): Response {
  return json(map(unwrap(result)), status);
}

export type CallerRouteContext<P> = { db: Database; actor: Actor; workspace: WorkspaceRef; request: Request; params: P };

/**
 * The one shape of a route handler that acts for a caller: resolve who is calling (API key or
 * browser session; the workspace from a `[slug]` segment, else the key's or `?workspace=`), check
 * `permission`, run the handler; every failure becomes a JSON error with the right status.
 *
 *   export const GET = callerRoute<{ id: string }>("incident:read", async ({ db, actor, params }) =>
 *     json(await getIncidentById(db, { workspaceId: actor.workspaceId, id: params.id })));
 */
export function callerRoute<P extends Record<string, string> = Record<string, never>>(
  permission: Permission,
  handler: (ctx: CallerRouteContext<P>) => Promise<Response>,
  options: { demoWrite?: boolean } = {},
) {
  return route(async (request: Request, segment?: { params: Promise<P> }) => {
    const params = ((await segment?.params) ?? {}) as P;
    const db = await getDb();
    const caller = await requestCaller(db, request, { permission, workspaceSlug: (params as { slug?: string }).slug, demoWrite: options.demoWrite });
    const context = currentRequestContext();
    if (context) context.workspaceId = caller.workspace.id;
    return handler({ db, ...caller, request, params });
  });
}

/** A route's query string as a plain object, for a zod schema. */
export function searchParams(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}
