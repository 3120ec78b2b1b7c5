/**
 * One error type for the domain. The code says what went wrong and where ("not_found:incident");
 * its type (the part before the colon) maps to an HTTP status in one table.
 */
export type ErrorType =
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "payload_too_large"
  | "unprocessable"
  | "rate_limited"
  | "unavailable"
  | "internal";

export type ErrorCode = `${ErrorType}:${string}` | ErrorType;

export type FieldIssue = { path: string; message: string };

const statusByType: Record<ErrorType, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unprocessable: 422,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly type: ErrorType;
  readonly issues?: FieldIssue[];
  readonly retryAfterSeconds?: number;
  readonly details?: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    message: string,
    options: { issues?: FieldIssue[]; retryAfterSeconds?: number; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.type = code.split(":")[0] as ErrorType;
    this.issues = options.issues;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.details = options.details;
  }

  get status(): number {
    return statusByType[this.type];
  }

  toJSON() {
    return {
      error: this.message,
      code: this.code,
      ...(this.issues ? { issues: this.issues } : {}),
      ...(this.details ?? {}),
    };
  }

  toResponse(): Response {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (this.retryAfterSeconds !== undefined) headers["retry-after"] = String(Math.max(1, Math.ceil(this.retryAfterSeconds)));
    return new Response(JSON.stringify(this.toJSON()), { status: this.status, headers });
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

export function statusForType(type: ErrorType): number {
  return statusByType[type];
}

/**
 * The SQLSTATE of a database error (postgres.js and PGlite both carry it as `code`), looking through
 * wrappers such as Drizzle's query error (`cause`).
 */
export function sqlState(e: unknown): string | undefined {
  for (let cur = e, depth = 0; cur && typeof cur === "object" && depth < 5; cur = (cur as { cause?: unknown }).cause, depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/**
 * A database "data exception" (SQLSTATE class 22: a value out of range, an invalid byte sequence,
 * bad JSON…) is the caller's data, never our failure: it becomes a 422. Input validation should
 * refuse such values first; this is the last resort, so a sender that slips one through still gets
 * a 4xx it will not retry forever.
 */
export function dataExceptionError(e: unknown): AppError | undefined {
  const state = sqlState(e);
  if (!state?.startsWith("22")) return undefined;
  return new AppError("unprocessable:data", `A value in the request cannot be stored (database error ${state}); nothing was written.`, {
    issues: [{ path: "(body)", message: `holds a value the database refuses (SQLSTATE ${state})` }],
    cause: e,
  });
}

/** The error as an AppError when it is one or maps to one (data exceptions), else undefined. */
export function asAppError(e: unknown): AppError | undefined {
  return isAppError(e) ? e : dataExceptionError(e);
}
