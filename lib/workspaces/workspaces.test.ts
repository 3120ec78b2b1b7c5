import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { ensureSeeded } from "@/lib/seed/workspaces";
import { events, incidents, workspaces } from "@/db/schema";
import { systemActor, type Actor } from "@/lib/auth/actor";
import { ensureFixedAdmin, ensureInitialAdmin } from "@/lib/auth/bootstrap";
import { resolveTestActor as resolveActor } from "@/lib/auth/testing";
import { createUser, verifyCredentials, type PublicUser } from "@/lib/auth/users";
import { createIncident } from "@/lib/incidents/create-incident";
import { createWorkspace } from "./create-workspace";
import { demoResetIntervalMs, resetDemoWorkspace, runScheduledDemoReset } from "./demo";
import { acceptInvite, createInvite, listPendingInvites, lookupInvite, revokeInvite } from "./invites";
import { addMember, changeMemberRole, removeMember } from "./members";
import { getWorkspaceBySlug, listUserWorkspaces } from "./queries";

let t: TestDatabase;
let founder: PublicUser;
let invitee: PublicUser;
let founderActor: Actor;

async function user(name: string): Promise<PublicUser> {
  const r = await createUser(t.db, { name, email: `${name.toLowerCase()}@example.com`, password: "a long password" });
  if (!r.ok) throw new Error(r.error);
  return r.data;
}

beforeAll(async () => {
  t = await createTestDatabase();
  await ensureSeeded(t.db);
  founder = await user("Founder");
  invitee = await user("Invitee");
});

afterAll(async () => {
  await t?.drop();
});

describe("workspaces", () => {
  it("makes the creator of a workspace its admin", async () => {
    const r = await createWorkspace(t.db, founder, { name: "Payments Team", slug: "payments" });
    expect(r.ok).toBe(true);
    expect(await listUserWorkspaces(t.db, founder.id)).toEqual([expect.objectContaining({ slug: "payments", role: "admin" })]);
    founderActor = await resolveActor(t.db, { userId: founder.id, workspaceSlug: "payments", demoEnabled: true });
    expect(founderActor.role).toBe("admin");
  });

  it("refuses a taken or reserved address, naming the field", async () => {
    const taken = await createWorkspace(t.db, invitee, { name: "Again", slug: "payments" });
    const reserved = await createWorkspace(t.db, invitee, { name: "Demo", slug: "demo" });
    const bad = await createWorkspace(t.db, invitee, { name: "Bad", slug: "Not A Slug!" });
    expect(taken.ok || reserved.ok || bad.ok).toBe(false);
    if (!taken.ok) expect(taken.code).toBe("conflict:slug");
    if (!reserved.ok) expect(reserved.fieldErrors?.slug).toBeDefined();
    if (!bad.ok) expect(bad.fieldErrors?.slug).toBeDefined();
  });

  it("lets an invited person join with the invited role through the copied link, once", async () => {
    const created = await createInvite(t.db, founderActor, { email: "Invitee@example.com", role: "viewer" });
    if (!created.ok) throw new Error(created.error);
    expect(created.data.path).toBe(`/invite/${created.data.token}`);
    expect(await lookupInvite(t.db, created.data.token)).toMatchObject({ status: "pending", role: "viewer", workspace: { slug: "payments" } });
    expect((await listPendingInvites(t.db, founderActor)).map((i) => i.email)).toContain("invitee@example.com");

    const stranger = await user("Stranger");
    const wrong = await acceptInvite(t.db, stranger, created.data.token);
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.code).toBe("forbidden:invite_email");

    const accepted = await acceptInvite(t.db, invitee, created.data.token);
    expect(accepted).toEqual({ ok: true, data: { workspaceSlug: "payments", role: "viewer" } });
    const again = await acceptInvite(t.db, invitee, created.data.token);
    expect(again.ok).toBe(false);
    const asInvitee = await resolveActor(t.db, { userId: invitee.id, workspaceSlug: "payments", demoEnabled: true });
    expect(asInvitee.role).toBe("viewer");
  });

  it("makes a revoked invite useless", async () => {
    const created = await createInvite(t.db, founderActor, { email: "late@example.com", role: "responder" });
    if (!created.ok) throw new Error(created.error);
    expect((await revokeInvite(t.db, founderActor, created.data.invite.id)).ok).toBe(true);
    const late = await user("Late");
    const r = await acceptInvite(t.db, late, created.data.token);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.code).toBe("conflict:invite_revoked");
    expect((await lookupInvite(t.db, created.data.token))?.status).toBe("revoked");
  });

  it("never leaves a workspace without an admin", async () => {
    const demote = await changeMemberRole(t.db, founderActor, { userId: founder.id, role: "viewer" });
    const leave = await removeMember(t.db, founderActor, founder.id);
    for (const r of [demote, leave]) {
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.code).toBe("conflict:last_admin");
    }
    expect((await changeMemberRole(t.db, founderActor, { userId: invitee.id, role: "admin" })).ok).toBe(true);
    expect((await changeMemberRole(t.db, founderActor, { userId: founder.id, role: "responder" })).ok).toBe(true);
  });

  it("adds an existing account from the operator CLI", async () => {
    const ws = (await getWorkspaceBySlug(t.db, "acme"))!;
    const r = await addMember(t.db, systemActor(ws.id, "CLI"), { email: "stranger@example.com", role: "responder" });
    expect(r.ok).toBe(true);
    const missing = await addMember(t.db, systemActor(ws.id, "CLI"), { email: "ghost@example.com", role: "responder" });
    expect(missing.ok).toBe(false);
  });
});

describe("demo reset", () => {
  it("puts the demo back to its seed on schedule, removing what guests added", async () => {
    const demo = (await getWorkspaceBySlug(t.db, "demo"))!;
    const guest = await resolveActor(t.db, { userId: null, workspaceSlug: "demo", guest: { id: "guest_00000000-0000-4000-8000-000000000001", name: "Anonymous Otter", color: "#2563eb" }, demoEnabled: true });
    const seeded = await t.db.select().from(incidents).where(eq(incidents.workspaceId, demo.id));
    const seededEvents = await t.db.select({ id: events.id }).from(events).where(eq(events.workspaceId, demo.id));
    await createIncident(t.db, guest, { title: "Guest scribble", service: "checkout", severity: "P3" });
    expect((await runScheduledDemoReset(t.db)).ran).toBe(true);
    const after = await t.db.select().from(incidents).where(eq(incidents.workspaceId, demo.id));
    expect(after.map((i) => i.title)).not.toContain("Guest scribble");
    expect(after.length).toBe(seeded.length);
    // The event log goes back to its seeded state too, nothing left pointing at deleted incidents.
    const afterEvents = await t.db.select({ id: events.id, incidentId: events.incidentId }).from(events).where(eq(events.workspaceId, demo.id));
    expect(afterEvents.length).toBe(seededEvents.length);
    expect(afterEvents.every((e) => e.incidentId === null || after.some((i) => i.id === e.incidentId))).toBe(true);
    const acme = (await getWorkspaceBySlug(t.db, "acme"))!;
    expect((await t.db.select().from(incidents).where(eq(incidents.workspaceId, acme.id))).length).toBeGreaterThan(0);
    const [ws] = await t.db.select().from(workspaces).where(eq(workspaces.id, demo.id));
    expect(ws.incidentSeq).toBe(seeded.length);
  });

  it("lets only an admin of the demo reset it on demand", async () => {
    const demo = (await getWorkspaceBySlug(t.db, "demo"))!;
    const guest: Actor = { kind: "guest", id: "guest_x", name: "Anonymous Owl", role: "responder", workspaceId: demo.id };
    const refused = await resetDemoWorkspace(t.db, guest);
    expect(refused.ok).toBe(false);
    expect((await resetDemoWorkspace(t.db, { kind: "user", id: founder.id, name: "Founder", role: "admin", workspaceId: demo.id })).ok).toBe(true);
    const acme = (await getWorkspaceBySlug(t.db, "acme"))!;
    const wrongWorkspace = await resetDemoWorkspace(t.db, systemActor(acme.id));
    expect(wrongWorkspace.ok).toBe(false);
  });

  it("understands the usual DEMO_RESET_CRON shapes", () => {
    expect(demoResetIntervalMs(undefined)).toBe(3_600_000);
    expect(demoResetIntervalMs("*/30 * * * *")).toBe(1_800_000);
    expect(demoResetIntervalMs("0 */6 * * *")).toBe(6 * 3_600_000);
    expect(demoResetIntervalMs("@daily")).toBe(86_400_000);
    expect(demoResetIntervalMs("45m")).toBe(2_700_000);
    expect(demoResetIntervalMs("off")).toBeNull();
    expect(() => demoResetIntervalMs("5 4 * * sun")).toThrow(/not understood/);
  });
});

describe("first start", () => {
  it("creates a fixed admin of the default workspace idempotently, updating its password", async () => {
    await ensureFixedAdmin(t.db, "e2e-admin@example.com", "first password");
    await ensureFixedAdmin(t.db, "e2e-admin@example.com", "second password");
    const u = await verifyCredentials(t.db, { email: "e2e-admin@example.com", password: "second password" }, { ip: "fixed-admin-test" });
    expect(u).not.toBeNull();
    expect(await listUserWorkspaces(t.db, u!.id)).toEqual([expect.objectContaining({ slug: "acme", role: "admin" })]);
  });

  it("creates a generated first admin only on an empty embedded database", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fd-first-"));
    expect(await ensureInitialAdmin(t.db, { embedded: true, dataDir: dir })).toBeNull();
    const fresh = await createTestDatabase();
    try {
      await ensureSeeded(fresh.db);
      const created = await ensureInitialAdmin(fresh.db, { embedded: true, dataDir: dir });
      expect(created?.email).toBe("admin@firedrill.local");
      expect(fs.readFileSync(created!.file, "utf8")).toContain(created!.password);
      expect(await ensureInitialAdmin(fresh.db, { embedded: true, dataDir: dir })).toBeNull();
    } finally {
      await fresh.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
