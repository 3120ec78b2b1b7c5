import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { insertWorkspace } from "@/lib/workspaces/queries";
import { auditLog } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { unwrap } from "@/lib/result";
import { createIncident } from "./create-incident";
import { loadIncidentPayload } from "./incident-view";
import { DEFAULT_SLA_POLICY } from "./sla";
import { updateSlaPolicy } from "./sla-settings";

let t: TestDatabase;
let admin: Actor;
let responder: Actor;
let otherAdmin: Actor;

beforeAll(async () => {
  t = await createTestDatabase();
  const ws = await insertWorkspace(t.db, { slug: "acme", name: "Acme" });
  const other = await insertWorkspace(t.db, { slug: "other", name: "Other" });
  admin = { kind: "user", id: "u-ada", name: "Ada", workspaceId: ws.id, role: "admin" };
  responder = { kind: "user", id: "u-rob", name: "Rob", workspaceId: ws.id, role: "responder" };
  otherAdmin = { kind: "user", id: "u-oz", name: "Oz", workspaceId: other.id, role: "admin" };
});

afterAll(async () => {
  await t?.drop();
});

const faster = { ...DEFAULT_SLA_POLICY, P0: { responseMinutes: 5, resolutionMinutes: 60 } };

describe("workspace SLA policy", () => {
  it("lets an admin set the targets, which incident pages of that workspace then use", async () => {
    const inc = unwrap(await createIncident(t.db, responder, { title: "Payments down", service: "payment", severity: "P0" }));
    const r = await updateSlaPolicy(t.db, admin, faster);
    expect(r.ok).toBe(true);
    expect((await loadIncidentPayload(t.db, responder, inc.id)).slaPolicy.P0).toEqual({ responseMinutes: 5, resolutionMinutes: 60 });
    const audit = await t.db.select().from(auditLog).where(and(eq(auditLog.workspaceId, admin.workspaceId), eq(auditLog.action, "workspace.sla")));
    expect(audit).toHaveLength(1);

    const elsewhere = unwrap(await createIncident(t.db, otherAdmin, { title: "Other", service: "x", severity: "P0" }));
    expect((await loadIncidentPayload(t.db, otherAdmin, elsewhere.id)).slaPolicy).toEqual(DEFAULT_SLA_POLICY);
  });

  it("refuses responders", async () => {
    const r = await updateSlaPolicy(t.db, responder, DEFAULT_SLA_POLICY);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.code).toBe("forbidden:role");
  });

  it("names the bad field and changes nothing", async () => {
    const r = await updateSlaPolicy(t.db, admin, { ...faster, P1: { responseMinutes: 600, resolutionMinutes: 60 }, P2: { responseMinutes: 0, resolutionMinutes: 10 } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe("unprocessable:input");
    expect(r.issues?.map((i) => i.path).sort()).toEqual(["P1.responseMinutes", "P2.responseMinutes"]);
    const inc = unwrap(await createIncident(t.db, admin, { title: "Check", service: "x" }));
    expect((await loadIncidentPayload(t.db, admin, inc.id)).slaPolicy).toEqual(faster);
  });
});
