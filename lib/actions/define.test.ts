import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { memberships, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { resetEnvCache } from "@/env";
import { resetAuthSecretCache } from "@/lib/auth/secret";
import { sessionCookie } from "@/lib/auth/testing";
import { insertWorkspace } from "@/lib/workspaces/queries";

/**
 * Server actions called as the browser calls them: through the wrapper, with the request's cookies.
 * next/headers is the one piece of Next.js a test cannot provide, so it reads a test jar.
 */
const request = vi.hoisted(() => ({ db: undefined as unknown, cookie: "", set: [] as { name: string; value: string }[] }));
vi.mock("@/db", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/db")>()), getDb: async () => request.db }));
vi.mock("next/headers", async () => {
  const { NextRequest } = await import("next/server");
  const jar = () => {
    const cookies = new NextRequest("http://app.test/", { headers: { cookie: request.cookie } }).cookies;
    return Object.assign(cookies, {
      set: (...args: unknown[]) => void request.set.push(typeof args[0] === "string" ? { name: args[0], value: String(args[1]) } : (args[0] as { name: string; value: string })),
    });
  };
  return { cookies: async () => jar(), headers: async () => new Headers({ cookie: request.cookie }) };
});

import { createIncidentAction } from "./incidents/create-incident";
import { moveIncidentAction } from "./incidents/move-incident";
import { createWorkspaceAction } from "./workspaces/create-workspace";

const SECRET = "test-secret-for-server-actions-0123456789";
let t: TestDatabase;
let responder: string;
let viewer: string;

beforeAll(async () => {
  process.env.NEXTAUTH_SECRET = SECRET;
  resetEnvCache();
  resetAuthSecretCache();
  t = await createTestDatabase();
  request.db = t.db;
  const acme = await insertWorkspace(t.db, { slug: "acme", name: "Acme" });
  await insertWorkspace(t.db, { slug: "demo", name: "Demo", kind: "demo" });
  const [r, v] = await t.db
    .insert(users)
    .values([
      { name: "Rita", email: "rita@example.com" },
      { name: "Vic", email: "vic@example.com" },
    ])
    .returning();
  await t.db.insert(memberships).values([
    { workspaceId: acme.id, userId: r.id, role: "responder" },
    { workspaceId: acme.id, userId: v.id, role: "viewer" },
  ]);
  responder = await sessionCookie(r.id, SECRET, "Rita");
  viewer = await sessionCookie(v.id, SECRET, "Vic");
});

afterAll(async () => {
  delete process.env.NEXTAUTH_SECRET;
  resetEnvCache();
  resetAuthSecretCache();
  await t?.drop();
});

beforeEach(() => {
  request.cookie = "";
  request.set = [];
});

describe("server actions through the wrapper", () => {
  it("creates an incident for a responder and returns it", async () => {
    request.cookie = responder;
    const r = await createIncidentAction("acme", { title: "Checkout is slow", service: "checkout", severity: "P2" });
    expect(r).toMatchObject({ ok: true, data: { title: "Checkout is slow", number: 1, createdByKind: "user" } });
  });

  it("names every bad field in fieldErrors and writes nothing", async () => {
    request.cookie = responder;
    const r = await createIncidentAction("acme", { title: "", service: "checkout", severity: "P9" as "P0" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe("unprocessable:input");
    expect(Object.keys(r.fieldErrors ?? {})).toEqual(expect.arrayContaining(["title", "severity"]));
  });

  it("refuses a viewer with forbidden:role", async () => {
    request.cookie = viewer;
    expect(await createIncidentAction("acme", { title: "Not allowed", service: "api" })).toMatchObject({ ok: false, code: "forbidden:role" });
  });

  it("refuses a signed-out caller, and a workspace the caller does not belong to", async () => {
    expect(await createIncidentAction("acme", { title: "Anyone?", service: "api" })).toMatchObject({ ok: false, code: "unauthorized:session" });
    request.cookie = responder;
    expect(await createIncidentAction("elsewhere", { title: "Elsewhere", service: "api" })).toMatchObject({ ok: false, code: "not_found:workspace" });
    expect(await createIncidentAction("", { title: "No workspace", service: "api" })).toMatchObject({ ok: false, code: "unprocessable:input" });
  });

  it("refuses a stale board move with conflict:incident", async () => {
    request.cookie = responder;
    const created = await createIncidentAction("acme", { title: "Queue backs up", service: "queue" });
    if (!created.ok) throw new Error(created.error);
    const moved = await moveIncidentAction("acme", created.data.id, { status: "investigating", version: created.data.version });
    expect(moved).toMatchObject({ ok: true, data: { status: "investigating" } });
    const stale = await moveIncidentAction("acme", created.data.id, { status: "fixing", version: created.data.version });
    expect(stale).toMatchObject({ ok: false, code: "conflict:incident" });
  });

  it("turns an unexpected failure into a safe internal error, without its message", async () => {
    request.cookie = responder;
    const db = request.db;
    // The database is unreachable: every query fails with a message that must not reach the browser.
    const down = () => {
      throw new Error("connection refused: secret-host:5432");
    };
    request.db = new Proxy({}, { get: () => down });
    try {
      const r = await createIncidentAction("acme", { title: "Database down", service: "db" });
      expect(r).toEqual({ ok: false, error: "Something went wrong. Please try again.", code: "internal" });
    } finally {
      request.db = db;
    }
  });

  it("lets a signed-out visitor of the demo act as a guest, giving them their animal", async () => {
    const r = await createIncidentAction("demo", { title: "Trying the demo", service: "web" });
    expect(r).toMatchObject({ ok: true, data: { createdByKind: "guest" } });
    expect(request.set).toContainEqual(expect.objectContaining({ name: "fd_guest" }));
  });

  it("creates a workspace for the signed-in user and remembers it as their current one", async () => {
    request.cookie = viewer;
    const r = await createWorkspaceAction({ name: "Payments", slug: "payments" });
    expect(r).toEqual({ ok: true, data: { slug: "payments" } });
    expect(request.set).toContainEqual(expect.objectContaining({ name: "fd_workspace", value: "payments" }));
    request.cookie = "";
    expect(await createWorkspaceAction({ name: "Nope", slug: "nope" })).toMatchObject({ ok: false, code: "unauthorized:session" });
  });
});
