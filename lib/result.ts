import { z } from "zod";
import { AppError, asAppError, type ErrorCode, type FieldIssue } from "@/lib/errors";

export type Result<T> =
  | { ok: true; data: T }
  | { ok: false; error: string; code: ErrorCode; fieldErrors?: Record<string, string[]>; issues?: FieldIssue[] };

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
    };
  }
  return { ok: false, error: "Something went wrong. Please try again.", code: "internal" };
}

/** Runs a domain operation and returns the Result shape; unexpected errors are logged, not shown. */
export async function toResult<T>(fn: () => Promise<T>, onUnexpected?: (e: unknown) => void): Promise<Result<T>> {
  try {
    return ok(await fn());
  } catch (e) {
    if (!asAppError(e)) onUnexpected?.(e);
    return failure(e);
  }
}

/** Unwraps a Result in places (routes, CLI) that prefer exceptions. */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.data;
  throw new AppError(result.code, result.error, { issues: result.issues });
}
