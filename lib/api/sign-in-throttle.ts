import "server-only";
import { sharedLimiter } from "@/lib/rate-limit/limiter";
import { publicUrl } from "./public-url";
import { clientIp } from "@/lib/auth";
import { SIGN_IN_LIMIT, SIGN_IN_WINDOW_MS } from "@/lib/auth";

/** The error code the sign-in page shows as "too many attempts" (next-auth hands it back as `error`). */
export const SIGN_IN_THROTTLED = "RateLimited";

/**
 * next-auth answers a refused credentials sign-in with 401, whatever the reason. A throttled one
 * (10 attempts per 15 minutes per account and per IP, counted in verifyCredentials) is answered
 * here instead, before next-auth: 429 with Retry-After, in the JSON shape next-auth's client reads
 * (`url` carries `?error=RateLimited`). Returns null when the attempt may go on; counts nothing.
 */
export async function throttledSignIn(request: Request): Promise<Response | null> {
  if (request.method !== "POST" || !new URL(request.url).pathname.endsWith("/callback/credentials")) return null;
  let email = "";
  try {
    const form = await request.clone().formData();
    const v = form.get("email");
    email = typeof v === "string" ? v.trim().toLowerCase() : "";
  } catch {
    // Not a form: next-auth refuses it itself.
  }
  const checks = [sharedLimiter("sign-in:ip", SIGN_IN_LIMIT, SIGN_IN_WINDOW_MS).peek(clientIp(request.headers))];
  if (email) checks.push(sharedLimiter("sign-in:account", SIGN_IN_LIMIT, SIGN_IN_WINDOW_MS).peek(email));
  const refused = checks.filter((d) => !d.allowed);
  if (refused.length === 0) return null;
  const retryAfter = Math.max(...refused.map((d) => d.retryAfterSeconds));
  const minutes = Math.ceil(retryAfter / 60);
  return new Response(
    JSON.stringify({
      error: `Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
      code: "rate_limited:sign_in",
      retry_after: retryAfter,
      url: publicUrl(request, `/sign-in?error=${SIGN_IN_THROTTLED}`).toString(),
    }),
    { status: 429, headers: { "content-type": "application/json", "retry-after": String(retryAfter) } },
  );
}
