import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encode } from "next-auth/jwt";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { insertWorkspace } from "@/lib/workspaces/queries";
import { memberships, users } from "@/db/schema";
import { resetEnvCache } from "@/env";
import { sharedLimiter } from "@/lib/rate-limit/limiter";
import { requestCaller } from "./caller";
import { newGuestIdentity, signGuest, GUEST_COOKIE } from "@/lib/auth/guest";
import { assertSameOrigin } from "./origin";
import { resetAuthSecretCache } from "@/lib/auth/secret";

const SECRET = "test-secret-for-session-requests-0123456789";
let t: TestDatabase;
let sessionCookie: string;

beforeAll(async () => {
  process.env.NEXTAUTH_SECRET = SECRET;
  process.env.DEMO_WRITE_LIMIT = "3";
  resetEnvCache();
  resetAuthSecretCache();
  t = await createTestDatabase();
  const acme = await insertWorkspace(t.db, { slug: "acme", name: "Acme" });
  await insertWorkspace(t.db, { slug: "other", name: "Other" });
  await insertWorkspace(t.db, { slug: "demo", name: "Demo", kind: "demo" });
  const [u] = await t.db.insert(users).values({ name: "Vic", email: "vic@example.com" }).returning();
  await t.db.insert(memberships).values({ workspaceId: acme.id, userId: u.id, role: "viewer" });
  sessionCookie = `next-auth.session-token=${await encode({ token: { sub: u.id, name: "Vic" }, secret: SECRET })}`;
});

afterAll(async () => {
  delete process.env.NEXTAUTH_SECRET;
  delete process.env.DEMO_WRITE_LIMIT;
  resetEnvCache();
  resetAuthSecretCache();
  await t?.drop();
});

/** The actor a route handler allowed to read would see for this request. */
const actorOf = async (request: Request, permission: "incident:read" | "incident:write" = "incident:read") => (await requestCaller(t.db, request, { permission })).actor;

const req = (path: string, init: RequestInit & { headers?: Record<string, string> } = {}) => new Request(`http://app.test${path}`, init);

describe("cookie-authenticated REST requests", () => {
  it("resolves the session user with their role in their workspace", async () => {
    const actor = await actorOf(req("/api/v1/incidents", { headers: { cookie: sessionCookie } }));
    expect(actor).toMatchObject({ kind: "user", name: "Vic", role: "viewer" });
  });

  it("answers 401 without a session, and ignores a token signed with another secret", async () => {
    await expect(actorOf(req("/api/v1/incidents"))).rejects.toMatchObject({ status: 401 });
    const forged = await encode({ token: { sub: "00000000-0000-4000-8000-000000000000" }, secret: "another-secret" });
    await expect(actorOf(req("/api/v1/incidents", { headers: { cookie: `next-auth.session-token=${forged}` } }))).rejects.toMatchObject({ status: 401 });
  });

  it("joins next-auth's chunked session cookies", async () => {
    const token = sessionCookie.slice("next-auth.session-token=".length);
    const cookie = `next-auth.session-token.0=${token.slice(0, 40)}; next-auth.session-token.1=${token.slice(40)}`;
    expect(await actorOf(req("/api/v1/incidents", { headers: { cookie } }))).toMatchObject({ name: "Vic" });
  });

  it("refuses a role below the permission with 403", async () => {
    await expect(actorOf(req("/api/v1/incidents", { method: "POST", headers: { cookie: sessionCookie } }), "incident:write")).rejects.toMatchObject({
      status: 403,
      code: "forbidden:role",
    });
  });

  it("refuses another workspace with 403", async () => {
    await expect(actorOf(req("/api/v1/incidents?workspace=other", { headers: { cookie: sessionCookie } }))).rejects.toMatchObject({
      status: 403,
      code: "forbidden:workspace",
    });
  });

  it("refuses a cross-site write carrying the session cookie (CSRF)", async () => {
    const cross = req("/api/v1/incidents", { method: "POST", headers: { cookie: sessionCookie, origin: "https://evil.example" } });
    await expect(actorOf(cross)).rejects.toMatchObject({ status: 403, code: "forbidden:origin" });
    const sameSite = req("/api/v1/incidents", { method: "POST", headers: { cookie: sessionCookie, origin: "http://app.test" } });
    expect(await actorOf(sameSite)).toMatchObject({ name: "Vic" });
    const fetchMeta = req("/api/v1/incidents", { method: "DELETE", headers: { cookie: sessionCookie, "sec-fetch-site": "cross-site" } });
    await expect(actorOf(fetchMeta)).rejects.toMatchObject({ status: 403 });
  });

  it("makes a demo visitor with a signed guest cookie a guest, and rate-limits their writes", async () => {
    sharedLimiter("demo-writes:guest", 3, 60_000).reset();
    sharedLimiter("demo-writes:ip", 3, 60_000).reset();
    const cookie = `${GUEST_COOKIE}=${signGuest(newGuestIdentity(), SECRET)}`;
    const write = () => req("/api/v1/incidents?workspace=demo", { method: "POST", headers: { cookie, origin: "http://app.test" } });
    expect(await actorOf(write(), "incident:write")).toMatchObject({ kind: "guest", role: "responder" });
    await actorOf(write(), "incident:write");
    await actorOf(write(), "incident:write");
    await expect(actorOf(write(), "incident:write")).rejects.toMatchObject({ status: 429 });
    // Reads are not writes.
    expect(await actorOf(req("/api/v1/incidents?workspace=demo", { headers: { cookie } }))).toMatchObject({ kind: "guest" });
    // A guest cookie does nothing outside the demo.
    await expect(actorOf(req("/api/v1/incidents?workspace=acme", { headers: { cookie } }))).rejects.toMatchObject({ status: 401 });
  });
});

describe("origin check", () => {
  it("accepts same-origin and header-less (non-browser) requests, refuses other origins", () => {
    expect(() => assertSameOrigin(req("/x", { method: "POST", headers: { origin: "http://app.test" } }))).not.toThrow();
    expect(() => assertSameOrigin(req("/x", { method: "POST" }))).not.toThrow();
    expect(() => assertSameOrigin(req("/x", { method: "POST", headers: { origin: "null" } }))).toThrow();
    expect(() => assertSameOrigin(req("/x", { method: "POST", headers: { origin: "http://app.test.evil.example" } }))).toThrow();
  });
});
