import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { diagnoses, timelineEntries, type Incident } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { createIncident } from "@/lib/incidents";
import { insertWorkspace } from "@/lib/workspaces/queries";
import { attachRunbook, tickChecklistItem } from "./attach";
import { getIncidentRunbooks, getRunbook, listRunbooks } from "./queries";
import { checklistItems, diffLines } from "./shared";
import { createRunbook, restoreRunbookVersion, updateRunbook } from "./write";

let t: TestDatabase;
let alice: Actor;
let viewer: Actor;

beforeAll(async () => {
  t = await createTestDatabase();
  const ws = await insertWorkspace(t.db, { slug: "rb", name: "RB" });
  alice = { kind: "user", id: "u-alice", name: "Alice", workspaceId: ws.id, role: "responder" };
  viewer = { kind: "user", id: "u-vic", name: "Vic", workspaceId: ws.id, role: "viewer" };
}, 120_000);

afterAll(async () => {
  await t?.drop();
});

async function incident(service: string, affectedSystems: string[] = []): Promise<Incident> {
  const r = await createIncident(t.db, alice, { title: `${service} trouble`, service, severity: "P1", affectedSystems });
  if (!r.ok) throw new Error(r.error);
  return r.data;
}

describe("runbook library", () => {
  it("gives a workspace the built-in procedures and one per scenario family", async () => {
    const titles = (await listRunbooks(t.db, alice.workspaceId)).map((r) => r.title);
    for (const title of ["API service down", "Database performance issues", "High memory usage / OOM kills", "Security incident", "Service recovery", "Post-incident checklist", "Memory leak and GC pressure", "Queue backlog and consumer lag"]) {
      expect(titles).toContain(title);
    }
    // A second read adds nothing.
    expect((await listRunbooks(t.db, alice.workspaceId)).length).toBe(titles.length);
  });

  it("keeps every save as a version, refuses a stale one, and restores an old one as a new version", async () => {
    const created = await createRunbook(t.db, alice, { title: "Checkout 5xx", services: ["checkout"], body: "## Steps\n- [ ] Look at the logs\n" });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const saved = await updateRunbook(t.db, alice, created.data.id, { title: "Checkout 5xx", services: ["checkout"], body: "## Steps\n- [ ] Look at the logs\n- [ ] Roll back\n", version: 1 });
    expect(saved.ok && saved.data.version).toBe(2);
    const stale = await updateRunbook(t.db, alice, created.data.id, { title: "Checkout 5xx", body: "x", version: 1 });
    expect(!stale.ok && stale.code.split(":")[0]).toBe("conflict");
    const restored = await restoreRunbookVersion(t.db, alice, created.data.id, { version: 1, currentVersion: 2 });
    expect(restored.ok && restored.data.version).toBe(3);
    const { runbook, versions } = await getRunbook(t.db, alice.workspaceId, created.data.id);
    expect(runbook.body).toBe("## Steps\n- [ ] Look at the logs");
    expect(versions.map((v) => v.version)).toEqual([3, 2, 1]);
    expect(versions[0].restoredFrom).toBe(1);
    expect(diffLines(versions[1].body, versions[0].body).filter((d) => d.kind !== "same")).toEqual([{ kind: "removed", text: "- [ ] Roll back" }]);
  });

  it("refuses a viewer and names bad fields", async () => {
    const denied = await createRunbook(t.db, viewer, { title: "x", body: "y" });
    expect(!denied.ok && denied.code.split(":")[0]).toBe("forbidden");
    const bad = await createRunbook(t.db, alice, { title: "", body: "" });
    expect(!bad.ok && bad.issues?.map((i) => i.path).sort()).toEqual(["body", "title"]);
  });
});

describe("suggestions", () => {
  it("ranks runbooks for the incident's service above those for the diagnosed category", async () => {
    const inc = await incident("kafka");
    await t.db.insert(diagnoses).values({
      workspaceId: alice.workspaceId,
      incidentId: inc.id,
      provider: "offline",
      model: "offline",
      severity: "P1",
      category: "memory",
      confidence: 0.8,
      diagnosis: {},
      totalMs: 1,
      requestedByKind: "user",
      requestedByName: "Alice",
    });
    const { suggestions } = await getIncidentRunbooks(t.db, alice.workspaceId, inc.id);
    expect(suggestions[0].runbook.title).toBe("Queue backlog and consumer lag");
    expect(suggestions[0].reasons).toContain("service kafka");
    const memory = suggestions.find((s) => s.runbook.title === "High memory usage / OOM kills");
    expect(memory?.reasons).toEqual(["diagnosed memory"]);
    expect(suggestions.indexOf(memory!)).toBeGreaterThan(0);
  });
});

describe("checklists on an incident", () => {
  it("records each tick on the timeline with who, and a repeated tick writes nothing", async () => {
    const inc = await incident("payment");
    const { suggestions } = await getIncidentRunbooks(t.db, alice.workspaceId, inc.id);
    const rb = suggestions.find((s) => s.runbook.title === "API service down")!.runbook;
    const attached = await attachRunbook(t.db, alice, inc.id, { runbookId: rb.id });
    expect(attached.ok).toBe(true);
    if (!attached.ok) return;
    const items = checklistItems(rb.body);
    expect(items.length).toBeGreaterThan(3);
    const first = await tickChecklistItem(t.db, alice, attached.data.id, { index: 1, checked: true });
    expect(first.ok && first.data).toEqual({ checked: [1], changed: true });
    const again = await tickChecklistItem(t.db, alice, attached.data.id, { index: 1, checked: true });
    expect(again.ok && again.data.changed).toBe(false);
    const outOfRange = await tickChecklistItem(t.db, alice, attached.data.id, { index: 999, checked: true });
    expect(!outOfRange.ok && outOfRange.code.split(":")[0]).toBe("unprocessable");
    const entries = await t.db.select().from(timelineEntries).where(and(eq(timelineEntries.incidentId, inc.id), eq(timelineEntries.kind, "action")));
    const ticks = entries.filter((e) => (e.data.runbook as { event?: string } | undefined)?.event === "checked");
    expect(ticks).toHaveLength(1);
    expect(ticks[0].authorName).toBe("Alice");
    expect(ticks[0].body).toContain(items[1].text);
    const view = await getIncidentRunbooks(t.db, alice.workspaceId, inc.id);
    expect(view.attached[0].checked).toEqual([1]);
    expect(view.suggestions.some((s) => s.runbook.id === rb.id)).toBe(false);
  });
});
