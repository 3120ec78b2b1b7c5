import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { insertWorkspace } from "@/lib/workspaces/queries";
import { apiKeys } from "@/db/schema";
import { systemActor, type Actor } from "./actor";
import { authenticateApiKey, generateApiKey, hashApiKey, insertApiKey, revokeApiKey, API_KEY_CACHE_MS, API_KEY_PREFIX } from "./api-keys";
import { assertCan, can } from "./permissions";
import { presentedApiKey } from "@/lib/api/caller";

let t: TestDatabase;
let admin: Actor;

beforeAll(async () => {
  t = await createTestDatabase();
  const ws = await insertWorkspace(t.db, { slug: "acme", name: "Acme" });
  admin = systemActor(ws.id);
});

afterAll(async () => {
  await t?.drop();
});

describe("API keys", () => {
  it("generates random fd_live_ keys whose prefix identifies them and whose hash is all that is stored", async () => {
    const a = generateApiKey();
    const b = generateApiKey();
    expect(a.key).toMatch(/^fd_live_[A-Za-z0-9]{32}$/);
    expect(a.key).not.toBe(b.key);
    expect(a.prefix).toBe(a.key.slice(0, API_KEY_PREFIX.length + 6));
    expect(a.hash).toBe(hashApiKey(a.key));
    const { key, apiKey } = await insertApiKey(t.db, admin, { name: "ci", scopes: ["ingest"] });
    expect(apiKey).not.toHaveProperty("hash");
    const [row] = await t.db.select().from(apiKeys).where(eq(apiKeys.id, apiKey.id));
    expect(row.hash).toBe(hashApiKey(key));
    expect(JSON.stringify(row)).not.toContain(key);
  });

  it("authenticates a key with its scopes and records when it was last used", async () => {
    const { key, apiKey } = await insertApiKey(t.db, admin, { name: "reader", scopes: ["read"] });
    const actor = await authenticateApiKey(t.db, key);
    expect(actor).toMatchObject({ kind: "api_key", id: apiKey.id, scopes: ["read"] });
    const [row] = await t.db.select().from(apiKeys).where(eq(apiKeys.id, apiKey.id));
    expect(row.lastUsedAt).toBeInstanceOf(Date);
  });

  it("answers 401 for an unknown, malformed or revoked key", async () => {
    await expect(authenticateApiKey(t.db, "fd_live_nope")).rejects.toMatchObject({ status: 401 });
    await expect(authenticateApiKey(t.db, "sk_something_else")).rejects.toMatchObject({ status: 401 });
    const { key, apiKey } = await insertApiKey(t.db, admin, { name: "old", scopes: ["write"] });
    expect((await revokeApiKey(t.db, admin, apiKey.id)).ok).toBe(true);
    await expect(authenticateApiKey(t.db, key)).rejects.toMatchObject({ status: 401, code: "unauthorized:api_key" });
  });

  it("refuses a key at once after revokeApiKey, even one authenticated (and cached) a moment before", async () => {
    const { key, apiKey } = await insertApiKey(t.db, admin, { name: "hot", scopes: ["ingest"] });
    await authenticateApiKey(t.db, key);
    await authenticateApiKey(t.db, key);
    expect((await revokeApiKey(t.db, admin, apiKey.id)).ok).toBe(true);
    await expect(authenticateApiKey(t.db, key)).rejects.toMatchObject({ status: 401, code: "unauthorized:api_key" });
  });

  it("caches a valid key for a few seconds only: a revocation made elsewhere applies within API_KEY_CACHE_MS", async () => {
    expect(API_KEY_CACHE_MS).toBeLessThanOrEqual(10_000);
    const { key, apiKey } = await insertApiKey(t.db, admin, { name: "other-instance", scopes: ["ingest"] });
    const start = Date.now();
    const clock = vi.spyOn(Date, "now").mockReturnValue(start);
    try {
      await authenticateApiKey(t.db, key);
      // Another app instance revokes it (this process's cache is not told).
      await t.db.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, apiKey.id));
      clock.mockReturnValue(start + 1_000);
      await expect(authenticateApiKey(t.db, key)).resolves.toMatchObject({ id: apiKey.id });
      clock.mockReturnValue(start + API_KEY_CACHE_MS + 1);
      await expect(authenticateApiKey(t.db, key)).rejects.toMatchObject({ status: 401, code: "unauthorized:api_key" });
    } finally {
      clock.mockRestore();
    }
  });

  it("answers 403 when the scope does not cover the action", async () => {
    const ingest = await authenticateApiKey(t.db, (await insertApiKey(t.db, admin, { name: "i", scopes: ["ingest"] })).key);
    const read = await authenticateApiKey(t.db, (await insertApiKey(t.db, admin, { name: "r", scopes: ["read"] })).key);
    const write = await authenticateApiKey(t.db, (await insertApiKey(t.db, admin, { name: "w", scopes: ["write"] })).key);
    const adm = await authenticateApiKey(t.db, (await insertApiKey(t.db, admin, { name: "a", scopes: ["admin"] })).key);
    expect(can(ingest, "event:ingest")).toBe(true);
    expect(can(ingest, "incident:read")).toBe(false);
    expect(() => assertCan(ingest, "incident:read")).toThrow(expect.objectContaining({ status: 403, code: "forbidden:scope" }));
    expect(can(read, "incident:read")).toBe(true);
    expect(can(read, "incident:write")).toBe(false);
    expect(can(write, "incident:read") && can(write, "incident:write")).toBe(true);
    expect(can(write, "workspace:admin")).toBe(false);
    expect(["event:ingest", "incident:read", "incident:write", "workspace:admin"].every((p) => can(adm, p as never))).toBe(true);
  });

  it("reads the key from Authorization: Bearer or X-API-Key", () => {
    expect(presentedApiKey(new Request("http://x/", { headers: { authorization: "Bearer fd_live_abc" } }))).toBe("fd_live_abc");
    expect(presentedApiKey(new Request("http://x/", { headers: { "x-api-key": "fd_live_def" } }))).toBe("fd_live_def");
    expect(presentedApiKey(new Request("http://x/"))).toBeUndefined();
  });
});
