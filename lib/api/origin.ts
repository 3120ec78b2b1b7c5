import { env } from "@/env";
import { AppError } from "@/lib/errors";

/**
 * CSRF check for cookie-authenticated REST writes. Browsers send Origin on cross-site writes (and
 * Sec-Fetch-Site), so a request whose Origin is another site is refused; a request with neither
 * header does not come from a browser page and carries no ambient-credential risk.
 */
export function assertSameOrigin(request: Request): void {
  const origin = request.headers.get("origin");
  const allowed = new Set<string>();
  allowed.add(new URL(request.url).origin);
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (host) {
    const proto = request.headers.get("x-forwarded-proto") ?? new URL(request.url).protocol.replace(":", "");
    allowed.add(`${proto}://${host}`);
  }
  const configured = env().NEXTAUTH_URL;
  if (configured) allowed.add(new URL(configured).origin);
  if (origin) {
    if (origin === "null" || !allowed.has(origin)) {
      throw new AppError("forbidden:origin", "Cross-site request refused: this request must come from the Firedrill app itself.");
    }
    return;
  }
  const site = request.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") {
    throw new AppError("forbidden:origin", "Cross-site request refused: this request must come from the Firedrill app itself.");
  }
}
