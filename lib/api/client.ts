/**
 * How the browser reads the app's own data: GET /api/workspaces/{slug}/… (camelCase JSON shaped for
 * the screens, the browser session's cookie), through react-query. Errors keep their HTTP status so
 * that a 4xx is not retried and a 404 can say "deleted".
 */
export class FetchError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The URL of a workspace resource for the browser: `workspaceUrl("acme", "incidents", id, "events")`. */
export function workspaceUrl(workspaceSlug: string, ...path: string[]): string {
  return ["/api/workspaces", workspaceSlug, ...path].map((p, i) => (i === 0 ? p : encodeURIComponent(p))).join("/");
}

export async function fetchJson<T>(url: string, init: { signal?: AbortSignal } = {}): Promise<T> {
  const res = await fetch(url, { headers: { accept: "application/json" }, cache: "no-store", signal: init.signal });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: string } | null;
    throw new FetchError(res.status, body?.error ?? `Request failed (${res.status})`);
  }
  return (await res.json()) as T;
}

/** react-query's retry rule for these reads: never retry a 4xx, twice for anything else. */
export const retryUnless4xx = (count: number, error: Error) => !(error instanceof FetchError && error.status < 500) && count < 2;
