import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { insertWorkspace } from "@/lib/workspaces/queries";
import type { Actor } from "@/lib/auth/actor";
import { createIncident } from "./create-incident";
import { updateIncident } from "./update-incident";
import { changeIncidentStatus } from "./change-status";
import { addNote, editNote } from "./notes";
import { deleteIncident } from "./delete-incident";
import { getBoard, getIncidentById, getStatusHistory, listIncidents } from "./queries";
import { auditLog, incidents } from "@/db/schema";
import { eq } from "drizzle-orm";

let t: TestDatabase;
let alice: Actor;
let bob: Actor;
let viewer: Actor;
let otherWorkspace: Actor;

beforeAll(async () => {
  t = await createTestDatabase();
  const ws = await insertWorkspace(t.db, { slug: "acme", name: "Acme" });
  const other = await insertWorkspace(t.db, { slug: "other", name: "Other" });
  alice = { kind: "user", id: "u-alice", name: "Alice", workspaceId: ws.id, role: "responder" };
  bob = { kind: "user", id: "u-bob", name: "Bob", workspaceId: ws.id, role: "admin" };
  viewer = { kind: "user", id: "u-vic", name: "Vic", workspaceId: ws.id, role: "viewer" };
  otherWorkspace = { kind: "user", id: "u-eve", name: "Eve", workspaceId: other.id, role: "admin" };
});

afterAll(async () => {
  await t?.drop();
});

const base = { title: "Checkout latency spike", service: "checkout", severity: "P1" as const, team: "Checkout" };

describe("incidents", () => {
  it("numbers incidents sequentially per workspace, starting at 1", async () => {
    const a = await createIncident(t.db, alice, base);
    const b = await createIncident(t.db, alice, { ...base, title: "Second one" });
    const c = await createIncident(t.db, otherWorkspace, base);
    expect(a.ok && b.ok && c.ok).toBe(true);
    if (!a.ok || !b.ok || !c.ok) return;
    expect(b.data.number).toBe(a.data.number + 1);
    expect(c.data.number).toBe(1);
  });

  it("gives concurrent creators distinct numbers", async () => {
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => createIncident(t.db, alice, { ...base, title: `race ${i}` })));
    const numbers = results.map((r) => (r.ok ? r.data.number : -1));
    expect(new Set(numbers).size).toBe(10);
    expect(numbers).not.toContain(-1);
  });

  it("rejects bad input naming the field, writing nothing", async () => {
    const before = await t.db.select().from(incidents);
    const r = await createIncident(t.db, alice, { title: "x", service: "", severity: "P9" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe("unprocessable:input");
    expect(r.issues?.map((i) => i.path).sort()).toEqual(["service", "severity", "title"]);
    expect((await t.db.select().from(incidents)).length).toBe(before.length);
  });

  it("refuses metadata over 64 KiB", async () => {
    const r = await createIncident(t.db, alice, { ...base, metadata: { blob: "x".repeat(70 * 1024) } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues?.[0].path).toBe("metadata");
  });

  it("records every status move with actor, from and to, forward and back", async () => {
    const created = await createIncident(t.db, alice, base);
    if (!created.ok) throw new Error(created.error);
    const id = created.data.id;
    const moved = await changeIncidentStatus(t.db, alice, id, { status: "investigating", version: created.data.version });
    expect(moved.ok).toBe(true);
    const back = await changeIncidentStatus(t.db, bob, id, { status: "triage", reason: "wrong team" });
    expect(back.ok).toBe(true);
    const resolved = await changeIncidentStatus(t.db, bob, id, { status: "resolved" });
    if (!resolved.ok) throw new Error(resolved.error);
    expect(resolved.data.resolvedAt).toBeInstanceOf(Date);
    const history = await getStatusHistory(t.db, { workspaceId: alice.workspaceId, incidentId: id });
    expect(history.map((h) => [h.fromStatus, h.toStatus, h.actorName])).toEqual([
      [null, "triage", "Alice"],
      ["triage", "investigating", "Alice"],
      ["investigating", "triage", "Bob"],
      ["triage", "resolved", "Bob"],
    ]);
  });

  it("refuses a stale edit with a conflict instead of overwriting", async () => {
    const created = await createIncident(t.db, alice, base);
    if (!created.ok) throw new Error(created.error);
    const v = created.data.version;
    const first = await updateIncident(t.db, alice, created.data.id, { version: v, severity: "P0" });
    expect(first.ok).toBe(true);
    const second = await updateIncident(t.db, bob, created.data.id, { version: v, title: "Bob's stale title" });
    expect(second.ok).toBe(false);
    if (!second.ok) expect(second.code).toBe("conflict:incident");
    const row = await getIncidentById(t.db, { workspaceId: alice.workspaceId, id: created.data.id });
    expect(row.title).toBe(base.title);
    expect(row.severity).toBe("P0");
  });

  it("forbids viewers from changing anything", async () => {
    const created = await createIncident(t.db, alice, base);
    if (!created.ok) throw new Error(created.error);
    const r = await changeIncidentStatus(t.db, viewer, created.data.id, { status: "fixing" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.code).toBe("forbidden:role");
    expect((await createIncident(t.db, viewer, base)).ok).toBe(false);
  });

  it("never reveals an incident of another workspace", async () => {
    const created = await createIncident(t.db, alice, base);
    if (!created.ok) throw new Error(created.error);
    const r = await changeIncidentStatus(t.db, otherWorkspace, created.data.id, { status: "fixing" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.code).toBe("not_found:incident");
    const list = await listIncidents(t.db, otherWorkspace.workspaceId, {});
    expect(list.items.every((i) => i.workspaceId === otherWorkspace.workspaceId)).toBe(true);
    expect((await deleteIncident(t.db, otherWorkspace, created.data.id)).ok).toBe(false);
  });

  it("lets only the author edit a note, and only from the version read", async () => {
    const created = await createIncident(t.db, alice, base);
    if (!created.ok) throw new Error(created.error);
    const note = await addNote(t.db, alice, created.data.id, { body: "Looking at the graphs" });
    if (!note.ok) throw new Error(note.error);
    expect((await editNote(t.db, bob, note.data.id, { body: "hijack", version: 1 })).ok).toBe(false);
    const edited = await editNote(t.db, alice, note.data.id, { body: "p95 is 8s", version: 1 });
    expect(edited.ok && edited.data.version).toBe(2);
    const stale = await editNote(t.db, alice, note.data.id, { body: "again", version: 1 });
    expect(!stale.ok && stale.code).toBe("conflict:note");
  });

  it("deletes an incident and audits who did it", async () => {
    const created = await createIncident(t.db, alice, base);
    if (!created.ok) throw new Error(created.error);
    const r = await deleteIncident(t.db, bob, created.data.id);
    expect(r.ok).toBe(true);
    await expect(getIncidentById(t.db, { workspaceId: alice.workspaceId, id: created.data.id })).rejects.toThrow("not found");
    const audits = await t.db.select().from(auditLog).where(eq(auditLog.targetId, created.data.id));
    expect(audits.map((a) => a.action)).toContain("incident.delete");
  });

  it("paginates the REST list with a cursor and filters by status", async () => {
    const page1 = await listIncidents(t.db, alice.workspaceId, { limit: 5 });
    expect(page1.items).toHaveLength(5);
    expect(page1.nextCursor).toBeTruthy();
    const page2 = await listIncidents(t.db, alice.workspaceId, { limit: 5, cursor: page1.nextCursor! });
    const ids = new Set([...page1.items, ...page2.items].map((i) => i.id));
    expect(ids.size).toBe(page1.items.length + page2.items.length);
    const resolved = await listIncidents(t.db, alice.workspaceId, { status: "resolved" });
    expect(resolved.items.every((i) => i.status === "resolved")).toBe(true);
  });

  it("shows resolved incidents on the board newest first, paginated", async () => {
    const board = await getBoard(t.db, alice.workspaceId, { severity: [], team: [], service: [], q: "" });
    expect(board.open.every((c) => ["triage", "investigating", "fixing"].includes(c.status))).toBe(true);
    expect(board.resolved.items.every((c) => c.status === "resolved" || c.status === "closed")).toBe(true);
    const filtered = await getBoard(t.db, alice.workspaceId, { severity: ["P0"], team: [], service: [], q: "" });
    expect(filtered.open.every((c) => c.severity === "P0")).toBe(true);
  });

  it("orders open columns by severity then newest, newest only with sort=recency, and splits real incidents from drills", async () => {
    const ws = await insertWorkspace(t.db, { slug: "sorting", name: "Sorting" });
    const carol: Actor = { kind: "user", id: "u-carol", name: "Carol", workspaceId: ws.id, role: "responder" };
    const made: string[] = [];
    for (const [title, severity, incidentType] of [
      ["old P0", "P0", "real"],
      ["P1 drill", "P1", "synthetic"],
      ["new P3", "P3", "real"],
      ["newest P1", "P1", "real"],
    ] as const) {
      const r = await createIncident(t.db, carol, { ...base, title, severity, incidentType });
      if (!r.ok) throw new Error(r.error);
      made.push(r.data.id);
      await new Promise((done) => setTimeout(done, 5));
    }
    const none = { severity: [], team: [], service: [], q: "" };
    const bySeverity = await getBoard(t.db, ws.id, none);
    expect(bySeverity.open.map((c) => c.title)).toEqual(["old P0", "newest P1", "P1 drill", "new P3"]);
    const byRecency = await getBoard(t.db, ws.id, { ...none, sort: "recency" });
    expect(byRecency.open.map((c) => c.title)).toEqual(["newest P1", "new P3", "P1 drill", "old P0"]);
    expect((await getBoard(t.db, ws.id, { ...none, kind: "drills" })).open.map((c) => c.title)).toEqual(["P1 drill"]);
    expect((await getBoard(t.db, ws.id, { ...none, kind: "real" })).open.map((c) => c.title)).not.toContain("P1 drill");
  });

  it("keeps an optional resolution summary and cause given on resolve, and audits them", async () => {
    const created = await createIncident(t.db, alice, { ...base, title: "Resolve me" });
    if (!created.ok) throw new Error(created.error);
    const resolved = await changeIncidentStatus(t.db, alice, created.data.id, {
      status: "resolved",
      version: created.data.version,
      resolution: { summary: "Rolled back v2.3.1", cause: "Connection pool too small after the deploy" },
    });
    expect(resolved.ok).toBe(true);
    if (!resolved.ok) return;
    expect(resolved.data.resolutionSummary).toBe("Rolled back v2.3.1");
    expect(resolved.data.resolutionCause).toBe("Connection pool too small after the deploy");
    const audits = await t.db.select().from(auditLog).where(eq(auditLog.targetId, created.data.id));
    const audit = audits.find((a) => a.action === "incident.status")!;
    expect(audit.data).toMatchObject({ to: "resolved", resolutionSummary: "Rolled back v2.3.1" });

    const plain = await createIncident(t.db, alice, { ...base, title: "Resolve without words" });
    if (!plain.ok) throw new Error(plain.error);
    const noWords = await changeIncidentStatus(t.db, alice, plain.data.id, { status: "resolved", resolution: { summary: "", cause: "" } });
    expect(noWords.ok && noWords.data.resolutionSummary).toBe(null);

    const bad = await changeIncidentStatus(t.db, alice, plain.data.id, { status: "closed", resolution: { summary: "x".repeat(5_001) } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues?.map((i) => i.path)).toEqual(["resolution.summary"]);
  });
});
