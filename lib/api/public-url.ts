import { env } from "@/env";

/**
 * The origin visitors reach the app at, for absolute redirects: the configured public URL
 * (NEXTAUTH_URL) when there is one, else the request's own Host (X-Forwarded-Host and
 * X-Forwarded-Proto first, as a proxy in front sets them). Never the address `next start` listens
 * on: behind a proxy, or reached by another name than localhost, that would send the visitor
 * elsewhere (and, for the demo, to a second guest identity on another host).
 */
export function publicOrigin(request: Request): string {
  const configured = env().NEXTAUTH_URL;
  if (configured) {
    try {
      return new URL(configured).origin;
    } catch {
      // An unparsable setting is reported at sign-in; redirects fall back to the request.
    }
  }
  const url = new URL(request.url);
  const first = (v: string | null) => v?.split(",")[0]?.trim() || undefined;
  const host = first(request.headers.get("x-forwarded-host")) ?? first(request.headers.get("host"));
  const proto = first(request.headers.get("x-forwarded-proto")) ?? url.protocol.replace(":", "");
  if (!host || !/^[\w.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/i.test(host) || !/^https?$/.test(proto)) return url.origin;
  return `${proto}://${host}`;
}

/** An absolute URL for `path` (a path of this app) at the public origin. */
export function publicUrl(request: Request, path: string): URL {
  return new URL(path, publicOrigin(request));
}
