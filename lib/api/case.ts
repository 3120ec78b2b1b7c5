import type { Result } from "@/lib/result";

/** The REST API speaks snake_case (like the webhook formats it sits beside); the domain is camelCase. */
export function snakeToCamel(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

export function camelToSnake(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** Renames the top-level keys of a request body; nested free JSON (metadata) is left alone. */
export function keysToCamel(input: unknown): unknown {
  if (!input || typeof input !== "object" || Array.isArray(input)) return input;
  return Object.fromEntries(Object.entries(input as Record<string, unknown>).map(([k, v]) => [snakeToCamel(k), v]));
}

export function keysToSnake<T extends Record<string, unknown>>(input: T): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).map(([k, v]) => [camelToSnake(k), v instanceof Date ? v.toISOString() : v]));
}

/** A failed Result whose field names are given back as the caller spelled them (snake_case). */
export function snakeFieldNames<T>(result: Result<T>): Result<T> {
  if (result.ok) return result;
  const snakePath = (path: string) => path.split(".").map(camelToSnake).join(".");
  return {
    ...result,
    ...(result.issues ? { issues: result.issues.map((i) => ({ ...i, path: snakePath(i.path) })) } : {}),
    ...(result.fieldErrors ? { fieldErrors: Object.fromEntries(Object.entries(result.fieldErrors).map(([k, v]) => [snakePath(k), v])) } : {}),
  };
}
