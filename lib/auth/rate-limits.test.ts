import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { resetEnvCache } from "@/env";
import { sharedLimiter } from "@/lib/rate-limit/limiter";
import type { Actor } from "./actor";
import { consumeDemoWrite } from "./demo-policy";
import { clientIp } from "./client-ip";
import { createUser, SIGN_IN_LIMIT, SIGN_IN_WINDOW_MS, verifyCredentials } from "./users";

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  const r = await createUser(t.db, { name: "Ada", email: "ada@example.com", password: "correct horse battery" });
  expect(r.ok).toBe(true);
});

afterAll(async () => {
  await t?.drop();
});

beforeEach(() => {
  sharedLimiter("sign-in:ip", SIGN_IN_LIMIT, SIGN_IN_WINDOW_MS).reset();
  sharedLimiter("sign-in:account", SIGN_IN_LIMIT, SIGN_IN_WINDOW_MS).reset();
  sharedLimiter("demo-writes:guest", 60, 60_000).reset();
  sharedLimiter("demo-writes:ip", 60, 60_000).reset();
});

describe("sign-in", () => {
  it("accepts the right password (any email case) and refuses a wrong one", async () => {
    expect(await verifyCredentials(t.db, { email: "ADA@example.com", password: "correct horse battery" }, { ip: "1.1.1.1" })).toMatchObject({ email: "ada@example.com" });
    expect(await verifyCredentials(t.db, { email: "ada@example.com", password: "wrong password" }, { ip: "1.1.1.1" })).toBeNull();
    expect(await verifyCredentials(t.db, { email: "nobody@example.com", password: "whatever1" }, { ip: "1.1.1.1" })).toBeNull();
  });

  it("refuses short passwords at sign-up, naming the field", async () => {
    const r = await createUser(t.db, { name: "Bo", email: "bo@example.com", password: "short" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.fieldErrors?.password?.[0]).toMatch(/at least 8/);
  });

  it("refuses a second account with the same email (409)", async () => {
    const r = await createUser(t.db, { name: "Ada 2", email: "Ada@Example.com", password: "another password" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.code).toBe("conflict:email");
  });

  it("locks an account after 10 attempts in 15 minutes, from any IP, even with the right password", async () => {
    for (let i = 0; i < 10; i++) {
      await verifyCredentials(t.db, { email: "ada@example.com", password: "guess" + i }, { ip: `10.0.0.${i}` });
    }
    await expect(verifyCredentials(t.db, { email: "ada@example.com", password: "correct horse battery" }, { ip: "10.0.1.1" })).rejects.toMatchObject({
      status: 429,
    });
  });

  it("limits one IP to 10 attempts across accounts", async () => {
    for (let i = 0; i < 10; i++) await verifyCredentials(t.db, { email: `u${i}@example.com`, password: "guess" }, { ip: "6.6.6.6" });
    const err = await verifyCredentials(t.db, { email: "ada@example.com", password: "correct horse battery" }, { ip: "6.6.6.6" }).catch((e) => e);
    expect(err).toMatchObject({ status: 429 });
    expect(err.retryAfterSeconds).toBeGreaterThan(0);
    expect(await verifyCredentials(t.db, { email: "ada@example.com", password: "correct horse battery" }, { ip: "7.7.7.7" })).not.toBeNull();
  });
});

describe("demo writes", () => {
  const guest = (id: string): Actor => ({ kind: "guest", id, name: "Anonymous Otter", role: "responder", workspaceId: "w" });

  it("allows 60 writes a minute per guest, then 429 with Retry-After", () => {
    for (let i = 0; i < 60; i++) consumeDemoWrite(guest("g1"), `ip-${i}`, 60);
    let err: unknown;
    try {
      consumeDemoWrite(guest("g1"), "ip-new", 60);
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ status: 429 });
    const response = (err as { toResponse(): Response }).toResponse();
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("limits one IP across guests (clearing cookies does not help)", () => {
    for (let i = 0; i < 60; i++) consumeDemoWrite(guest(`g-${i}`), "9.9.9.9", 60);
    expect(() => consumeDemoWrite(guest("fresh"), "9.9.9.9", 60)).toThrow(expect.objectContaining({ status: 429 }));
  });

  it("does not limit signed-in members", () => {
    const member: Actor = { kind: "user", id: "u", name: "Ada", role: "responder", workspaceId: "w" };
    for (let i = 0; i < 100; i++) consumeDemoWrite(member, "8.8.8.8", 60);
  });

  it("takes the client IP from the address our proxy appended, so a forged X-Forwarded-For cannot dodge a limit", () => {
    // The client sent "1.2.3.4" itself; the proxy in front of the app appended the real peer.
    expect(clientIp(new Headers({ "x-forwarded-for": "1.2.3.4, 203.0.113.9" }))).toBe("203.0.113.9");
    expect(clientIp(new Headers({ "x-forwarded-for": "203.0.113.9" }))).toBe("203.0.113.9");
    expect(clientIp(new Headers({ "x-real-ip": "203.0.113.7" }))).toBe("203.0.113.7");
    expect(clientIp(new Headers())).toBe("unknown");
  });

  it("counts back TRUST_PROXY_HOPS entries behind a chain of proxies", () => {
    process.env.TRUST_PROXY_HOPS = "2";
    resetEnvCache();
    try {
      expect(clientIp(new Headers({ "x-forwarded-for": "1.2.3.4, 203.0.113.9, 10.0.0.1" }))).toBe("203.0.113.9");
    } finally {
      delete process.env.TRUST_PROXY_HOPS;
      resetEnvCache();
    }
  });
});
