import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encode } from "next-auth/jwt";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { createWorkspaceRow } from "@/db/seed";
import { memberships, users } from "@/db/schema";
import { resetEnvCache } from "@/lib/env";
import { sharedLimiter } from "@/lib/rate-limit/limiter";
import { getSessionActorForRequest } from "./current-actor";
import { newGuestIdentity, signGuest, GUEST_COOKIE } from "./guest";
import { assertSameOrigin } from "./origin";
import { resetAuthSecretCache } from "./secret";

const SECRET = "test-secret-for-session-requests-0123456789";
let t: TestDatabase;
let sessionCookie: string;

beforeAll(async () => {
  process.env.NEXTAUTH_SECRET = SECRET;
  process.env.DEMO_WRITE_LIMIT = "3";
  resetEnvCache();
  resetAuthSecretCache();
  t = await createTestDatabase();
  const acme = await createWorkspaceRow(t.db, { slug: "acme", name: "Acme" });
  await createWorkspaceRow(t.db, { slug: "other", name: "Other" });
  await createWorkspaceRow(t.db, { slug: "demo", name: "Demo", kind: "demo" });
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

const req = (path: string, init: RequestInit & { headers?: Record<string, string> } = {}) => new Request(`http://app.test${path}`, init);

describe("cookie-authenticated REST requests", () => {
  it("resolves the session user with their role in their workspace", async () => {
    const actor = await getSessionActorForRequest(t.db, req("/api/v1/incidents", { headers: { cookie: sessionCookie } }));
    expect(actor).toMatchObject({ kind: "user", name: "Vic", role: "viewer" });
  });

  it("returns null without a session, and ignores a token signed with another secret", async () => {
    expect(await getSessionActorForRequest(t.db, req("/api/v1/incidents"))).toBeNull();
    const forged = await encode({ token: { sub: "00000000-0000-4000-8000-000000000000" }, secret: "another-secret" });
    expect(await getSessionActorForRequest(t.db, req("/api/v1/incidents", { headers: { cookie: `next-auth.session-token=${forged}` } }))).toBeNull();
  });

  it("refuses another workspace with 403", async () => {
    await expect(getSessionActorForRequest(t.db, req("/api/v1/incidents?workspace=other", { headers: { cookie: sessionCookie } }))).rejects.toMatchObject({
      status: 403,
      code: "forbidden:workspace",
    });
  });

  it("refuses a cross-site write carrying the session cookie (CSRF)", async () => {
    const cross = req("/api/v1/incidents", { method: "POST", headers: { cookie: sessionCookie, origin: "https://evil.example" } });
    await expect(getSessionActorForRequest(t.db, cross)).rejects.toMatchObject({ status: 403, code: "forbidden:origin" });
    const sameSite = req("/api/v1/incidents", { method: "POST", headers: { cookie: sessionCookie, origin: "http://app.test" } });
    expect(await getSessionActorForRequest(t.db, sameSite)).toMatchObject({ name: "Vic" });
    const fetchMeta = req("/api/v1/incidents", { method: "DELETE", headers: { cookie: sessionCookie, "sec-fetch-site": "cross-site" } });
    await expect(getSessionActorForRequest(t.db, fetchMeta)).rejects.toMatchObject({ status: 403 });
  });

  it("makes a demo visitor with a signed guest cookie a guest, and rate-limits their writes", async () => {
    sharedLimiter("demo-writes:guest", 3, 60_000).reset();
    sharedLimiter("demo-writes:ip", 3, 60_000).reset();
    const cookie = `${GUEST_COOKIE}=${signGuest(newGuestIdentity(), SECRET)}`;
    const write = () => req("/api/v1/incidents?workspace=demo", { method: "POST", headers: { cookie, origin: "http://app.test" } });
    expect(await getSessionActorForRequest(t.db, write())).toMatchObject({ kind: "guest", role: "responder" });
    await getSessionActorForRequest(t.db, write());
    await getSessionActorForRequest(t.db, write());
    await expect(getSessionActorForRequest(t.db, write())).rejects.toMatchObject({ status: 429 });
    // Reads are not writes.
    expect(await getSessionActorForRequest(t.db, req("/api/v1/incidents?workspace=demo", { headers: { cookie } }))).toMatchObject({ kind: "guest" });
    // A guest cookie does nothing outside the demo.
    expect(await getSessionActorForRequest(t.db, req("/api/v1/incidents?workspace=acme", { headers: { cookie } }))).toBeNull();
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
