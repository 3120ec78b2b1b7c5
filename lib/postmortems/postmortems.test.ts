import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { extractText, getDocumentProxy } from "unpdf";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { diagnoses, incidentStatusHistory, memberships, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { addNote, changeIncidentStatus, createIncident } from "@/lib/incidents";
import { insertWorkspace } from "@/lib/workspaces/queries";
import { eq } from "drizzle-orm";
import { postmortemPdf } from "./pdf";
import { listActionItems } from "./queries";
import { postmortemJson, postmortemJsonSchema, postmortemMarkdown, sectionTitles, type PostmortemView } from "./shared";
import { addActionItem, createPostmortem, updateActionItem, updatePostmortem } from "./write";

let t: TestDatabase;
let alice: Actor;
let pm: PostmortemView;
let incidentId: string;
const created = { at: new Date(0), ack: new Date(0), resolved: new Date(0) };

beforeAll(async () => {
  t = await createTestDatabase();
  const ws = await insertWorkspace(t.db, { slug: "pm", name: "PM" });
  const [u] = await t.db.insert(users).values({ email: "alice@example.com", name: "Alice" }).returning();
  await t.db.insert(memberships).values({ workspaceId: ws.id, userId: u.id, role: "responder" });
  alice = { kind: "user", id: u.id, name: "Alice", workspaceId: ws.id, role: "responder" };
}, 120_000);

afterAll(async () => {
  await t?.drop();
});

describe("writing a post-mortem", () => {
  it("refuses a report for an incident that is not resolved (422)", async () => {
    const r = await createIncident(t.db, alice, { title: "Checkout errors", service: "checkout", severity: "P1", description: "5xx on /api/checkout" });
    if (!r.ok) throw new Error(r.error);
    incidentId = r.data.id;
    created.at = r.data.createdAt;
    const early = await createPostmortem(t.db, alice, incidentId);
    expect(!early.ok && early.code).toBe("unprocessable:incident");
  });

  it("drafts from the incident's real records: timeline times, accepted hypothesis, SLA, dependents", async () => {
    const ack = await changeIncidentStatus(t.db, alice, incidentId, { status: "investigating" });
    if (!ack.ok) throw new Error(ack.error);
    created.ack = ack.data.acknowledgedAt!;
    await addNote(t.db, alice, incidentId, { body: "Rolled back v2.4.0" });
    await t.db.insert(diagnoses).values({
      workspaceId: alice.workspaceId,
      incidentId,
      provider: "offline",
      model: "offline",
      severity: "P1",
      category: "deployment",
      confidence: 0.82,
      diagnosis: { hypotheses: [{ title: "Bad deploy v2.4.0", cause: "deployment_issue", category: "deployment", explanation: "Errors began two minutes after v2.4.0.", evidence: [{ source: "deploy", ref: "v2.4.0", detail: "deployed 2 min before the first error" }], confidence: 0.82 }] },
      totalMs: 5,
      requestedByKind: "user",
      requestedByName: "Alice",
    });
    const res = await changeIncidentStatus(t.db, alice, incidentId, { status: "resolved", reason: "Rollback finished" });
    if (!res.ok) throw new Error(res.error);
    created.resolved = res.data.resolvedAt!;

    const r = await createPostmortem(t.db, alice, incidentId);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    pm = r.data;
    expect(pm.status).toBe("draft");
    expect(pm.sections.map((s) => s.key)).toEqual(["summary", "timeline", "root_cause", "impact", "resolution", "action_items", "lessons_learned"]);
    const at = (kind: string) => pm.timeline.filter((row) => row.kind === kind).map((row) => row.at);
    expect(at("detected")).toEqual([created.at.toISOString()]);
    const history = await t.db.select().from(incidentStatusHistory).where(eq(incidentStatusHistory.incidentId, incidentId));
    for (const h of history.filter((x) => x.fromStatus)) expect(at("status")).toContain(h.createdAt.toISOString());
    expect(at("status")).toContain(created.resolved.toISOString());
    expect(pm.timeline.some((row) => row.kind === "note" && row.text.includes("Rolled back v2.4.0") && row.actor === "Alice")).toBe(true);
    expect(pm.timeline.some((row) => row.kind === "diagnosed" && row.text.includes("Bad deploy v2.4.0"))).toBe(true);
    const section = (k: string) => pm.sections.find((s) => s.key === k)!;
    expect(section("root_cause").body).toContain("Bad deploy v2.4.0");
    expect(section("root_cause").body).toContain("deployed 2 min before the first error");
    expect(section("impact").body).toMatch(/Response SLA \(1 h\): met/);
    expect(section("impact").body).toMatch(/Resolution SLA \(8 h\): met/);
    expect(section("impact").body).toContain("Dependent services (from the topology): ");
    expect(section("resolution").body).toContain("Resolved by Alice");
    expect(section("root_cause").accepted).toBe(false);
  });

  it("refuses a second report (409) and a stale save (409)", async () => {
    const again = await createPostmortem(t.db, alice, incidentId);
    expect(!again.ok && again.code).toBe("conflict:postmortem");
    const ok = await updatePostmortem(t.db, alice, incidentId, { version: pm.version, sections: [{ key: "lessons_learned", body: "Canary deploys for checkout." }] });
    expect(ok.ok).toBe(true);
    const stale = await updatePostmortem(t.db, alice, incidentId, { version: pm.version, sections: [{ key: "summary", body: "x" }] });
    expect(!stale.ok && stale.code).toBe("conflict:postmortem");
    if (ok.ok) pm = ok.data;
  });

  it("publishes only after every drafted section is accepted, recording the reviewers", async () => {
    const review = await updatePostmortem(t.db, alice, incidentId, { version: pm.version, status: "in_review" });
    if (!review.ok) throw new Error(review.error);
    const blocked = await updatePostmortem(t.db, alice, incidentId, { version: review.data.version, status: "published" });
    expect(!blocked.ok && blocked.issues?.map((i) => i.path)).toContain("sections.root_cause");
    const accepted = await updatePostmortem(t.db, alice, incidentId, {
      version: review.data.version,
      sections: ["summary", "timeline", "root_cause", "impact", "resolution"].map((key) => ({ key, accepted: true })),
      status: "published",
    });
    expect(accepted.ok).toBe(true);
    if (!accepted.ok) return;
    expect(accepted.data.status).toBe("published");
    expect(accepted.data.reviewers.map((r) => `${r.name}:${r.action}`)).toEqual(["Alice:submitted", "Alice:published"]);
    pm = accepted.data;
  });

  it("keeps action items as rows with an owner from the members, listed workspace-wide", async () => {
    const item = await addActionItem(t.db, alice, incidentId, { title: "Add a canary stage", ownerId: alice.id, dueDate: "2026-12-20" });
    expect(item.ok && item.data.ownerName).toBe("Alice");
    const stranger = await addActionItem(t.db, alice, incidentId, { title: "x", ownerId: "00000000-0000-4000-8000-000000000000" });
    expect(!stranger.ok && stranger.issues?.[0].path).toBe("ownerId");
    const badDate = await addActionItem(t.db, alice, incidentId, { title: "x", dueDate: "2026-13-45" });
    expect(!badDate.ok && badDate.issues?.[0].path).toBe("dueDate");
    if (!item.ok) return;
    await updateActionItem(t.db, alice, item.data.id, { status: "done" });
    const all = await listActionItems(t.db, alice.workspaceId);
    expect(all).toEqual([expect.objectContaining({ title: "Add a canary stage", status: "done", incidentKey: pm.incidentKey })]);
    const { getPostmortem } = await import("./queries");
    pm = (await getPostmortem(t.db, alice.workspaceId, incidentId))!;
  });
});

describe("export", () => {
  it("writes Markdown with every section, the timeline table and the action items", () => {
    const md = postmortemMarkdown(pm);
    for (const title of Object.values(sectionTitles)) expect(md).toContain(`## ${title}`);
    expect(md).toContain("| Time (UTC) | Event | By |");
    expect(md).toContain(`| ${created.at.toISOString().slice(0, 10)} ${created.at.toISOString().slice(11, 16)} UTC | Detected`);
    expect(md).toContain("- [x] Add a canary stage (Owner: Alice, Due: 2026-12-20)");
  });

  it("writes JSON that validates against the published schema", () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(postmortemJsonSchema);
    const doc = postmortemJson(pm);
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...doc, status: "lost" })).toBe(false);
  });

  it("writes a real PDF whose text holds the title, each heading and a timeline row", async () => {
    const pdf = await postmortemPdf(pm);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const doc = await getDocumentProxy(new Uint8Array(pdf));
    const { text, totalPages } = await extractText(doc, { mergePages: true });
    const flat = text.replace(/\s+/g, " ");
    expect(flat).toContain("Checkout errors");
    for (const title of Object.values(sectionTitles)) expect(flat).toContain(title);
    expect(flat).toContain("Detected: incident opened");
    expect(flat).toContain(`Page 1 of ${totalPages}`);
  }, 60_000);
});
