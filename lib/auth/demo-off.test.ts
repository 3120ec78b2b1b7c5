import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { insertWorkspace } from "@/lib/workspaces/queries";
import { memberships, users, type Workspace } from "@/db/schema";
import { resetEnvCache } from "@/env";
import { systemActor } from "./actor";
import { authenticateApiKey, insertApiKey } from "./api-keys";
import { resolveTestActor as resolveActor } from "./testing";

// DEMO_MODE=off closes the demo workspace to everyone: guests, its own members and its API keys.
let t: TestDatabase;
let acme: Workspace;
let demo: Workspace;
let both: string;
let demoOnly: string;
let demoKey: string;

beforeAll(async () => {
  t = await createTestDatabase();
  acme = await insertWorkspace(t.db, { slug: "acme", name: "Acme" });
  demo = await insertWorkspace(t.db, { slug: "demo", name: "Demo", kind: "demo" });
  const [a, b] = await t.db
    .insert(users)
    .values([
      { name: "Dee", email: "dee@example.com" },
      { name: "Otto", email: "otto@example.com" },
    ])
    .returning();
  both = a.id;
  demoOnly = b.id;
  await t.db.insert(memberships).values([
    { workspaceId: demo.id, userId: both, role: "admin" },
    { workspaceId: acme.id, userId: both, role: "responder" },
    { workspaceId: demo.id, userId: demoOnly, role: "admin" },
  ]);
  demoKey = (await insertApiKey(t.db, systemActor(demo.id), { name: "demo reader", scopes: ["read"] })).key;
});

afterAll(async () => {
  delete process.env.DEMO_MODE;
  resetEnvCache();
  await t?.drop();
});

describe("demo mode off", () => {
  it("answers 404 for the demo workspace, even to its admins", async () => {
    expect(await resolveActor(t.db, { userId: both, workspaceSlug: "demo", demoEnabled: true })).toMatchObject({ kind: "user", role: "admin", workspaceId: demo.id });
    await expect(resolveActor(t.db, { userId: both, workspaceSlug: "demo", demoEnabled: false })).rejects.toMatchObject({ status: 404 });
  });

  it("never picks the demo as the current workspace", async () => {
    expect(await resolveActor(t.db, { userId: both, preferredSlug: "demo", demoEnabled: false })).toMatchObject({ workspaceId: acme.id });
    await expect(resolveActor(t.db, { userId: demoOnly, demoEnabled: false })).rejects.toMatchObject({ code: "forbidden:no_workspace" });
    expect(await resolveActor(t.db, { userId: demoOnly, demoEnabled: true })).toMatchObject({ workspaceId: demo.id });
  });

  it("refuses the demo workspace's API keys", async () => {
    process.env.DEMO_MODE = "on";
    resetEnvCache();
    expect(await authenticateApiKey(t.db, demoKey)).toMatchObject({ kind: "api_key", workspaceId: demo.id });
    process.env.DEMO_MODE = "off";
    resetEnvCache();
    await expect(authenticateApiKey(t.db, demoKey)).rejects.toMatchObject({ status: 401 });
  });
});
