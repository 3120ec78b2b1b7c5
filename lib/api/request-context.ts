import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

/** What the route wrapper knows about the request it is serving (for error answers and logs). */
export type RequestContext = {
  requestId: string;
  /** The raw body, once a handler has read it (readBody / readJson record it). */
  bodyText?: string;
  contentType?: string | null;
  /** The workspace of the caller, once the route has resolved who is calling. */
  workspaceId?: string;
};

const storage = new AsyncLocalStorage<RequestContext>();

/** The caller's X-Request-Id when it is a sane token, else a fresh one. */
export function requestIdOf(request: Request | undefined): string {
  const given = request?.headers.get("x-request-id");
  return given && /^[\w.:-]{1,100}$/.test(given) ? given : randomUUID();
}

export function runWithRequestContext<T>(context: RequestContext, fn: () => Promise<T>): Promise<T> {
  return storage.run(context, fn);
}

/** The context of the request being served, if any (route handlers run inside one). */
export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}
