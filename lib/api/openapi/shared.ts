import { z } from "zod";
import type { ZodOpenApiOperationObject, ZodOpenApiResponsesObject } from "zod-openapi";
import type { ApiKeyScope } from "@/lib/auth/shared";
import { camelToSnake } from "@/lib/api/case";

/**
 * Building blocks of the OpenAPI document: security, the error shape, and the helpers every area
 * uses to describe an operation. Request schemas always come from `lib/<feature>/schemas.ts`.
 */

/**
 * The REST API renames a body's top-level keys from snake_case to the domain's camelCase before
 * validating (`keysToCamel`). This is the same schema seen from the wire: the same field schemas
 * under their snake_case names.
 */
export function snakeCaseKeys<Shape extends z.ZodRawShape>(schema: z.ZodObject<Shape>) {
  const shape = Object.fromEntries(Object.entries(schema.shape).map(([k, v]) => [camelToSnake(k), v]));
  const snake = z.object(shape);
  return schema._zod.def.catchall instanceof z.ZodNever ? snake.strict() : snake;
}

export const errorSchema = z
  .object({
    error: z.string().meta({ description: "What went wrong, in a sentence a person can act on." }),
    code: z.string().meta({ description: "`type:surface`, e.g. `not_found:incident` or `unprocessable:input`.", example: "unprocessable:input" }),
    issues: z
      .array(
        z.object({
          path: z.string().meta({ description: "The field, dotted (`metadata.owner`, `0.level`), or `(body)`.", example: "title" }),
          message: z.string().meta({ example: "must be at least 3 characters" }),
        }),
      )
      .optional()
      .meta({ description: "One entry per invalid field (422, some 400 and 413)." }),
  })
  .meta({ id: "Error", description: "Every error answers with this body; nothing was written." });

const retryAfter = z.object({ "Retry-After": z.string().meta({ description: "Seconds to wait before retrying." }) });

/** Error statuses by name, each a response component. */
const errorResponses = {
  400: { id: "BadRequest", description: "The body is not JSON, or is empty where JSON was expected." },
  401: { id: "Unauthorized", description: "No credentials, or a revoked or unknown API key." },
  403: { id: "Forbidden", description: "The key lacks the scope, or the member's role is too low, or a cookie-authenticated write came from another origin." },
  404: { id: "NotFound", description: "No such resource in this workspace (another workspace's ids are 404 too)." },
  409: { id: "Conflict", description: "The `version` sent is stale: someone changed the resource since it was read." },
  413: { id: "PayloadTooLarge", description: "The body is larger than the endpoint accepts (1 MiB unless stated)." },
  422: { id: "UnprocessableEntity", description: "The body or query is invalid; `issues` names each field." },
  429: { id: "TooManyRequests", description: "Over a rate limit; retry after `Retry-After` seconds.", headers: retryAfter },
  503: { id: "ServiceUnavailable", description: "Temporarily unable to answer; retry after `Retry-After` seconds when it is set.", headers: retryAfter },
} as const;
export type ErrorStatus = keyof typeof errorResponses;

/** One response object per status: the generator registers each as a component, by identity. */
const errorResponseObjects = Object.fromEntries(
  Object.entries(errorResponses).map(([status, { id, description, ...rest }]) => [status, { id, description, content: { "application/json": { schema: errorSchema } }, ...rest }]),
) as Record<`${ErrorStatus}`, { id: string; description: string; content: { "application/json": { schema: typeof errorSchema } } }>;

export function errorResponse(status: ErrorStatus) {
  return errorResponseObjects[`${status}`];
}

/** `components.securitySchemes`: an API key in either header, or a browser session. */
export const securitySchemes = {
  apiKey: {
    type: "http",
    scheme: "bearer",
    bearerFormat: "fd_live_…",
    description:
      "An API key, created by an admin in Settings → API keys (or `npm run firedrill -- apikey create`): `Authorization: Bearer fd_live_…`. " +
      "Scopes: `ingest` (intake only), `read`, `write` (includes read), `admin` (includes all). Missing or revoked key: 401; wrong scope: 403.",
  },
  apiKeyHeader: {
    type: "apiKey",
    in: "header",
    name: "X-API-Key",
    description: "The same API key in the `X-API-Key` header, for tools that cannot send `Authorization`.",
  },
  session: {
    type: "apiKey",
    in: "cookie",
    name: "next-auth.session-token",
    description:
      "A signed-in browser session (`__Secure-next-auth.session-token` on https). The workspace is `?workspace=<slug>` or the `X-Firedrill-Workspace` header, " +
      "else the one last opened. The member's role must allow the call; writes must come from the app's own origin.",
  },
} as const;

/** Who may call an operation: an API key with `scope`, or a member whose role allows it. */
function security(scope: ApiKeyScope): Record<string, string[]>[] {
  return [{ apiKey: [scope] }, { apiKeyHeader: [scope] }, { session: [] }];
}

type OperationSpec = Omit<ZodOpenApiOperationObject, "responses" | "security"> & {
  scope: ApiKeyScope;
  responses: ZodOpenApiResponsesObject;
  errors: ErrorStatus[];
};

/** One operation with its security, its success responses and the error statuses it can answer. */
export function operation({ scope, responses, errors, ...rest }: OperationSpec): ZodOpenApiOperationObject {
  const withErrors: ZodOpenApiResponsesObject = { ...responses };
  for (const status of errors) withErrors[`${status}`] = errorResponse(status);
  return {
    ...rest,
    "x-scope": scope,
    security: security(scope),
    description: [rest.description, `Requires the \`${scope}\` scope (API key) or a member role that allows it.`].filter(Boolean).join("\n\n"),
    responses: withErrors,
  };
}

/** A JSON request body; `example` is checked against the schema by the OpenAPI test. */
export function jsonBody(schema: z.ZodType, example?: unknown) {
  return { required: true, content: { "application/json": { schema, ...(example === undefined ? {} : { example }) } } };
}

export function jsonResponse(description: string, schema: z.ZodType) {
  return { description, content: { "application/json": { schema } } };
}

export const uuid = z.string().uuid();
export const isoTime = z.string().meta({ format: "date-time", example: "2026-11-20T10:02:11.000Z" });

/** `{ id }` path parameter with a description. */
export function idParam(description: string, schema: z.ZodType = uuid) {
  return z.object({ id: schema.meta({ description }) });
}

export const deletedSchema = z.object({ id: uuid });

/** Keyset pagination: each page says where the next begins. */
export function pageOf(item: z.ZodType, withTotal = false) {
  return z.object({
    items: z.array(item),
    next_cursor: z.string().nullable().meta({ description: "Pass it back as the cursor parameter for the next page; null on the last page." }),
    ...(withTotal ? { total: z.number().int().meta({ description: "How many there are in all." }) } : {}),
  });
}
