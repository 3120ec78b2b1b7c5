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
