import { z } from "zod";
import type { Actor } from "@/lib/auth/shared";
import { AppError, asAppError, type ErrorCode, type FieldIssue } from "@/lib/errors";
import { logger } from "@/lib/logger";

const log = logger("operations");

export type Result<T> =
  | { ok: true; data: T }
  | { ok: false; error: string; code: ErrorCode; fieldErrors?: Record<string, string[]>; issues?: FieldIssue[]; retryAfterSeconds?: number };

export function ok<T>(data: T): Result<T> {
  return { ok: true, data };
}

export function zodIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join(".") || "(root)", message: i.message }));
}

/** Parses input or throws a 422 naming each bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issues = zodIssues(parsed.error);
    throw new AppError("unprocessable:input", `Invalid input: ${issues.map((i) => `${i.path} ${i.message}`).join("; ")}`, {
      issues,
    });
  }
  return parsed.data;
}

/** Converts a thrown error into a safe failure result; unexpected errors never leak their message. */
export function failure(raw: unknown): Extract<Result<never>, { ok: false }> {
  const e = asAppError(raw);
  if (e) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of e.issues ?? []) (fieldErrors[issue.path] ??= []).push(issue.message);
    return {
      ok: false,
      error: e.message,
      code: e.code,
      ...(e.issues ? { issues: e.issues, fieldErrors } : {}),
      ...(e.retryAfterSeconds !== undefined ? { retryAfterSeconds: e.retryAfterSeconds } : {}),
    };
  }
  return { ok: false, error: "Something went wrong. Please try again.", code: "internal" };
}

/** What an operation is and who ran it, for the log line of an unexpected failure. */
export type OperationContext = { op: string; actor?: Pick<Actor, "kind" | "id" | "workspaceId"> | null };

/**
 * Logs an unexpected error once, with the operation, the actor and the workspace; expected
 * AppErrors (a 404, a refused role, a bad field) are answers, not faults, and are not logged.
 */
export function logUnexpected(context: OperationContext, e: unknown): void {
  if (asAppError(e)) return;
  const { op, actor } = context;
  log.error({ err: e, op, actor: actor ? { kind: actor.kind, id: actor.id } : undefined, workspaceId: actor?.workspaceId }, `${op} failed`);
}

/** Runs a domain operation and returns the Result shape; unexpected errors are logged (once, here), never shown. */
export async function toResult<T>(context: OperationContext, fn: () => Promise<T>): Promise<Result<T>> {
  try {
    return ok(await fn());
  } catch (e) {
    logUnexpected(context, e);
    return failure(e);
  }
}

/** The data of a successful Result transformed; a failure passes through unchanged. */
export function mapResult<T, U>(result: Result<T>, fn: (data: T) => U): Result<U> {
  return result.ok ? ok(fn(result.data)) : result;
}

/** Unwraps a Result in places (routes, CLI) that prefer exceptions. */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.data;
  throw new AppError(result.code, result.error, { issues: result.issues, retryAfterSeconds: result.retryAfterSeconds });
}
