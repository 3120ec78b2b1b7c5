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
