import { beforeEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { sharedLimiter } from "@/lib/rate-limit/limiter";
import { SIGN_IN_THROTTLED, throttledSignIn } from "./sign-in-throttle";
import { SIGN_IN_LIMIT, SIGN_IN_WINDOW_MS } from "@/lib/auth/users";

const attempt = (email: string, ip = "198.51.100.7") =>
  new Request("http://127.0.0.1:3000/api/auth/callback/credentials", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": ip, host: "firedrill.example.com" },
    body: new URLSearchParams({ email, password: "guess", csrfToken: "t", json: "true" }),
  });

beforeEach(() => {
  // The redirect URL comes from the request's host here, not from a configured public URL.
  delete process.env.NEXTAUTH_URL;
  resetEnvCache();
  sharedLimiter("sign-in:ip", SIGN_IN_LIMIT, SIGN_IN_WINDOW_MS).reset();
  sharedLimiter("sign-in:account", SIGN_IN_LIMIT, SIGN_IN_WINDOW_MS).reset();
});

describe("sign-in throttling", () => {
  it("lets attempts through to next-auth while under the limits, counting nothing itself", async () => {
    for (let i = 0; i < 20; i++) expect(await throttledSignIn(attempt("ada@example.com"))).toBeNull();
  });

  it("answers a throttled account with 429, Retry-After and the URL next-auth's client reads the error from", async () => {
    // verifyCredentials counts each attempt; ten of them exhaust the account's budget.
    for (let i = 0; i < SIGN_IN_LIMIT; i++) sharedLimiter("sign-in:account", SIGN_IN_LIMIT, SIGN_IN_WINDOW_MS).take("ada@example.com");
    const res = await throttledSignIn(attempt("ADA@example.com", "203.0.113.9"));
    expect(res?.status).toBe(429);
    const retryAfter = Number(res!.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    // The sliding window: up to a window and a tenth when the attempts were made at its start.
    expect(retryAfter).toBeLessThanOrEqual((SIGN_IN_WINDOW_MS / 1000) * 1.1 + 1);
    const body = await res!.json();
    expect(body).toMatchObject({ code: "rate_limited:sign_in", retry_after: retryAfter });
    expect(new URL(body.url).searchParams.get("error")).toBe(SIGN_IN_THROTTLED);
    expect(new URL(body.url).host).toBe("firedrill.example.com");
    // Another account from another address is not held back.
    expect(await throttledSignIn(attempt("bo@example.com", "203.0.113.10"))).toBeNull();
  });

  it("answers a throttled address the same way, whatever account it tries", async () => {
    for (let i = 0; i < SIGN_IN_LIMIT; i++) sharedLimiter("sign-in:ip", SIGN_IN_LIMIT, SIGN_IN_WINDOW_MS).take("198.51.100.7");
    expect((await throttledSignIn(attempt("someone@example.com")))?.status).toBe(429);
  });

  it("leaves every other next-auth route alone", async () => {
    for (let i = 0; i < SIGN_IN_LIMIT; i++) sharedLimiter("sign-in:ip", SIGN_IN_LIMIT, SIGN_IN_WINDOW_MS).take("198.51.100.7");
    expect(await throttledSignIn(new Request("http://127.0.0.1/api/auth/session", { headers: { "x-forwarded-for": "198.51.100.7" } }))).toBeNull();
  });
});
