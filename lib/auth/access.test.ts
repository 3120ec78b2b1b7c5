import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { insertWorkspace } from "@/lib/workspaces/queries";
import { apiKeys, auditLog, memberships, users, type Workspace } from "@/db/schema";
import { systemActor, type Actor } from "./actor";
import { createApiKey, revokeApiKey, insertApiKey, authenticateApiKey } from "./api-keys";
import { newGuestIdentity, signGuest, verifyGuest } from "./guest";
import { resolveTestActor as resolveActor } from "./testing";
import { createIncident } from "@/lib/incidents/create-incident";
import { updateIncident } from "@/lib/incidents/update-incident";
import { changeIncidentStatus } from "@/lib/incidents/change-status";
import { addNote } from "@/lib/incidents/notes";
import { deleteIncident } from "@/lib/incidents/delete-incident";
import { getBoard, findIncident, listIncidents } from "@/lib/incidents/queries";
import { createInvite } from "@/lib/workspaces/invites";
import { changeMemberRole, listMembers, removeMember } from "@/lib/workspaces/members";
import { listAuditEntries } from "@/lib/workspaces/queries";
import type { Result } from "@/lib/result";

let t: TestDatabase;
let acme: Workspace;
let other: Workspace;
let demo: Workspace;
const ids: Record<string, string> = {};
const actors = {} as Record<"admin" | "responder" | "viewer" | "guest" | "outsider", Actor>;

async function addUser(name: string, ws: Workspace, role: "admin" | "responder" | "viewer") {
  const [u] = await t.db.insert(users).values({ name, email: `${name.toLowerCase()}@example.com` }).returning();
  await t.db.insert(memberships).values({ workspaceId: ws.id, userId: u.id, role });
  ids[name] = u.id;
  return u;
}

beforeAll(async () => {
  t = await createTestDatabase();
  acme = await insertWorkspace(t.db, { slug: "acme", name: "Acme" });
  other = await insertWorkspace(t.db, { slug: "other", name: "Other" });
  demo = await insertWorkspace(t.db, { slug: "demo", name: "Demo", kind: "demo" });
  await addUser("Ada", acme, "admin");
  await addUser("Rui", acme, "responder");
  await addUser("Vic", acme, "viewer");
  await addUser("Eve", other, "admin");
  const ctx = (userId: string, workspaceSlug: string) => resolveActor(t.db, { userId, workspaceSlug, demoEnabled: true });
  actors.admin = await ctx(ids.Ada, "acme");
  actors.responder = await ctx(ids.Rui, "acme");
  actors.viewer = await ctx(ids.Vic, "acme");
  actors.outsider = await ctx(ids.Eve, "other");
  actors.guest = await resolveActor(t.db, { userId: null, workspaceSlug: "demo", guest: newGuestIdentity(), demoEnabled: true });
});

afterAll(async () => {
  await t?.drop();
});

const incident = { title: "Checkout latency spike", service: "checkout", severity: "P1" as const };

/** A fresh incident, created by the system, in the actor's workspace. */
async function seedIncident(actor: Actor) {
  const r = await createIncident(t.db, systemActor(actor.workspaceId), { ...incident, title: `seeded ${Math.random()}` });
  if (!r.ok) throw new Error(r.error);
  return r.data;
}

async function throwawayMember(ws: Workspace) {
  const [u] = await t.db.insert(users).values({ name: "Tmp", email: `tmp-${Math.random()}@example.com` }).returning();
  await t.db.insert(memberships).values({ workspaceId: ws.id, userId: u.id, role: "viewer" });
  return u.id;
}

type Mutation = { name: string; run: (a: Actor) => Promise<Result<unknown>> };

const mutations: Mutation[] = [
  { name: "create an incident", run: (a) => createIncident(t.db, a, incident) },
  { name: "edit an incident", run: async (a) => { const i = await seedIncident(a); return updateIncident(t.db, a, i.id, { version: i.version, title: "Edited title" }); } },
  { name: "move a card (status)", run: async (a) => { const i = await seedIncident(a); return changeIncidentStatus(t.db, a, i.id, { status: "investigating" }); } },
  { name: "add a note", run: async (a) => { const i = await seedIncident(a); return addNote(t.db, a, i.id, { body: "Looking at it" }); } },
  { name: "delete someone else's incident", run: async (a) => { const i = await seedIncident(a); return deleteIncident(t.db, a, i.id); } },
  { name: "create an API key", run: (a) => createApiKey(t.db, a, { name: "ci", scopes: ["ingest"] }) },
  { name: "revoke an API key", run: async (a) => { const k = await insertApiKey(t.db, systemActor(a.workspaceId), { name: "old", scopes: ["read"] }); return revokeApiKey(t.db, a, k.apiKey.id); } },
  { name: "invite a member", run: (a) => createInvite(t.db, a, { email: "new@example.com", role: "viewer" }) },
  { name: "change a member's role", run: async (a) => changeMemberRole(t.db, a, { userId: await throwawayMember(a.workspaceId === demo.id ? demo : acme), role: "responder" }) },
  { name: "remove a member", run: async (a) => removeMember(t.db, a, await throwawayMember(a.workspaceId === demo.id ? demo : acme)) },
];

// What each role may do: ✓ allowed, ✗ refused with 403.
const expected: Record<string, Record<"admin" | "responder" | "viewer" | "guest", boolean>> = {
  "create an incident": { admin: true, responder: true, viewer: false, guest: true },
  "edit an incident": { admin: true, responder: true, viewer: false, guest: true },
  "move a card (status)": { admin: true, responder: true, viewer: false, guest: true },
  "add a note": { admin: true, responder: true, viewer: false, guest: true },
  "delete someone else's incident": { admin: true, responder: true, viewer: false, guest: false },
  "create an API key": { admin: true, responder: false, viewer: false, guest: false },
  "revoke an API key": { admin: true, responder: false, viewer: false, guest: false },
  "invite a member": { admin: true, responder: false, viewer: false, guest: false },
  "change a member's role": { admin: true, responder: false, viewer: false, guest: false },
  "remove a member": { admin: true, responder: false, viewer: false, guest: false },
};

describe("roles × mutations", () => {
  for (const m of mutations) {
    for (const role of ["admin", "responder", "viewer", "guest"] as const) {
      const allowed = expected[m.name][role];
      it(`${role} ${allowed ? "can" : "cannot"} ${m.name}`, async () => {
        const r = await m.run(actors[role]);
        if (allowed) {
          expect(r.ok, r.ok ? "" : r.error).toBe(true);
        } else {
          expect(r.ok).toBe(false);
          if (!r.ok) expect(r.code.startsWith("forbidden")).toBe(true);
        }
      });
    }
  }

  it("lets a guest delete an incident they created themselves", async () => {
    const mine = await createIncident(t.db, actors.guest, { ...incident, title: "My demo incident" });
    expect(mine.ok).toBe(true);
    if (!mine.ok) return;
    const r = await deleteIncident(t.db, actors.guest, mine.data.id);
    expect(r.ok).toBe(true);
  });

  it("does not let a guest delete another guest's incident", async () => {
    const otherGuest = await resolveActor(t.db, { userId: null, workspaceSlug: "demo", guest: newGuestIdentity(), demoEnabled: true });
    const theirs = await createIncident(t.db, otherGuest, { ...incident, title: "Someone else's" });
    if (!theirs.ok) throw new Error(theirs.error);
    const r = await deleteIncident(t.db, actors.guest, theirs.data.id);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.code).toBe("forbidden:incident");
  });
});

describe("resolving the caller", () => {
  it("refuses a signed-out visitor anywhere but the demo", async () => {
    await expect(resolveActor(t.db, { userId: null, workspaceSlug: "acme", guest: newGuestIdentity(), demoEnabled: true })).rejects.toMatchObject({ code: "unauthorized:session" });
    await expect(resolveActor(t.db, { userId: null, demoEnabled: true })).rejects.toMatchObject({ code: "unauthorized:session" });
  });

  it("makes a signed-out demo visitor a responder guest with an animal name and a colour", async () => {
    const a = await resolveActor(t.db, { userId: null, workspaceSlug: "demo", guest: newGuestIdentity(), demoEnabled: true });
    expect(a).toMatchObject({ kind: "guest", role: "responder", workspaceId: demo.id });
    expect(a.name).toMatch(/^Anonymous [A-Z][a-z]+$/);
    expect(a.color).toMatch(/^#[0-9a-f]{6}$/);
  });

  it("closes the demo when demo mode is off", async () => {
    await expect(resolveActor(t.db, { userId: null, workspaceSlug: "demo", guest: newGuestIdentity(), demoEnabled: false })).rejects.toMatchObject({ code: "unauthorized:session" });
  });

  it("treats a signed-in non-member in the demo as a guest, not as a member", async () => {
    const a = await resolveActor(t.db, { userId: ids.Ada, workspaceSlug: "demo", guest: newGuestIdentity(), demoEnabled: true });
    expect(a.kind).toBe("guest");
  });

  it("refuses a member of one workspace in another (403)", async () => {
    await expect(resolveActor(t.db, { userId: ids.Eve, workspaceSlug: "acme", demoEnabled: true })).rejects.toMatchObject({ code: "forbidden:workspace" });
  });

  it("uses the preferred workspace when the user belongs to it, else their first", async () => {
    const [u] = await t.db.insert(users).values({ name: "Multi", email: "multi@example.com" }).returning();
    await t.db.insert(memberships).values({ workspaceId: acme.id, userId: u.id, role: "viewer" });
    await t.db.insert(memberships).values({ workspaceId: other.id, userId: u.id, role: "responder" });
    expect((await resolveActor(t.db, { userId: u.id, preferredSlug: "other", demoEnabled: true })).workspaceId).toBe(other.id);
    expect((await resolveActor(t.db, { userId: u.id, preferredSlug: "nope", demoEnabled: true })).workspaceId).toBe(acme.id);
    expect((await resolveActor(t.db, { userId: u.id, preferredSlug: "other", demoEnabled: true })).role).toBe("responder");
  });

  it("sends a user without any workspace to create one", async () => {
    const [u] = await t.db.insert(users).values({ name: "Loner", email: "loner@example.com" }).returning();
    await expect(resolveActor(t.db, { userId: u.id, demoEnabled: true })).rejects.toMatchObject({ code: "forbidden:no_workspace" });
  });

  it("treats a deleted account as signed out", async () => {
    await expect(resolveActor(t.db, { userId: "00000000-0000-4000-8000-000000000000", workspaceSlug: "acme", demoEnabled: true })).rejects.toMatchObject({ code: "unauthorized:session" });
  });

  it("keeps the guest identity only when the cookie is signed with our secret", () => {
    const g = newGuestIdentity();
    const cookie = signGuest(g, "secret-a");
    expect(verifyGuest(cookie, "secret-a")).toEqual(g);
    expect(verifyGuest(cookie, "secret-b")).toBeNull();
    const [payload, sig] = cookie.split(".");
    const forged = Buffer.from(JSON.stringify({ ...g, name: "Anonymous Admin" })).toString("base64url");
    expect(verifyGuest(`${forged}.${sig}`, "secret-a")).toBeNull();
    expect(verifyGuest(`${payload}.`, "secret-a")).toBeNull();
    expect(verifyGuest("garbage", "secret-a")).toBeNull();
  });
});

describe("workspace isolation", () => {
  it("never shows one workspace's incidents, members, keys or audit rows in another", async () => {
    const secret = await createIncident(t.db, actors.admin, { ...incident, title: "Acme-only secret incident" });
    if (!secret.ok) throw new Error(secret.error);
    await createApiKey(t.db, actors.admin, { name: "acme-key", scopes: ["read"] });

    const board = await getBoard(t.db, actors.outsider.workspaceId, {} as never);
    expect(JSON.stringify(board)).not.toContain("Acme-only secret incident");
    const page = await listIncidents(t.db, actors.outsider.workspaceId, {});
    expect(page.items.map((i) => i.title)).not.toContain("Acme-only secret incident");
    expect(await findIncident(t.db, { workspaceId: other.id, id: secret.data.id })).toBeUndefined();

    const members = await listMembers(t.db, actors.outsider);
    expect(members.map((m) => m.name)).toContain("Eve");
    for (const acmeOnly of ["Ada", "Rui", "Vic"]) expect(members.map((m) => m.name)).not.toContain(acmeOnly);
    const audit = await listAuditEntries(t.db, other.id);
    expect(audit.every((a) => a.workspaceId === other.id)).toBe(true);
    const keys = await t.db.select().from(apiKeys).where(eq(apiKeys.workspaceId, other.id));
    expect(keys.map((k) => k.name)).not.toContain("acme-key");
  });

  it("refuses writes to another workspace's incident as not found", async () => {
    const target = await seedIncident(actors.admin);
    const edit = await updateIncident(t.db, actors.outsider, target.id, { version: target.version, title: "Hijacked" });
    const move = await changeIncidentStatus(t.db, actors.outsider, target.id, { status: "closed" });
    const del = await deleteIncident(t.db, actors.outsider, target.id);
    for (const r of [edit, move, del]) {
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.code).toBe("not_found:incident");
    }
    const guestMove = await changeIncidentStatus(t.db, actors.guest, target.id, { status: "closed" });
    expect(guestMove.ok).toBe(false);
  });

  it("scopes an API key to its own workspace", async () => {
    const { key } = await insertApiKey(t.db, systemActor(other.id), { name: "other-key", scopes: ["write"] });
    const actor = await authenticateApiKey(t.db, key);
    expect(actor.workspaceId).toBe(other.id);
    const target = await seedIncident(actors.admin);
    const r = await changeIncidentStatus(t.db, actor, target.id, { status: "closed" });
    expect(r.ok).toBe(false);
  });

  it("records who changed a member or a key in the audit log", async () => {
    const rows = await t.db.select().from(auditLog).where(eq(auditLog.workspaceId, acme.id));
    const actions = new Set(rows.map((r) => r.action));
    for (const a of ["apikey.create", "apikey.revoke", "invite.create", "member.role", "member.remove"]) expect(actions).toContain(a);
    expect(rows.find((r) => r.action === "member.role")?.actorName).toBe("Ada");
  });
});
