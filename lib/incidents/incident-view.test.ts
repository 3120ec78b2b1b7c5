import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { insertWorkspace } from "@/lib/workspaces/queries";
import { workspaces } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { isAppError } from "@/lib/errors";
import { unwrap } from "@/lib/result";
import { createIncident } from "./create-incident";
import { changeIncidentStatus } from "./change-status";
import { addNote } from "./notes";
import { updateIncident } from "./update-incident";
import { loadIncidentPayload, loadTimelinePayload } from "./incident-view";
import { DEFAULT_SLA_POLICY } from "./sla";

let t: TestDatabase;
let alice: Actor;
let viewer: Actor;
let outsider: Actor;

beforeAll(async () => {
  t = await createTestDatabase();
  const ws = await insertWorkspace(t.db, { slug: "acme", name: "Acme" });
  const other = await insertWorkspace(t.db, { slug: "other", name: "Other" });
  alice = { kind: "user", id: "u-alice", name: "Alice", workspaceId: ws.id, role: "responder" };
  viewer = { kind: "user", id: "u-vic", name: "Vic", workspaceId: ws.id, role: "viewer" };
  outsider = { kind: "user", id: "u-eve", name: "Eve", workspaceId: other.id, role: "admin" };
});

afterAll(async () => {
  await t?.drop();
});

describe("incident page data", () => {
  it("shows status moves, notes and field changes in one feed, oldest first, with who did them", async () => {
    const inc = unwrap(await createIncident(t.db, alice, { title: "Checkout latency", service: "checkout", severity: "P1" }));
    unwrap(await changeIncidentStatus(t.db, alice, inc.id, { status: "investigating", version: inc.version }));
    unwrap(await addNote(t.db, alice, inc.id, { body: "Looking at the JOINs" }));
    const current = (await loadIncidentPayload(t.db, alice, inc.id)).incident;
    unwrap(await updateIncident(t.db, alice, inc.id, { version: current.version, severity: "P0" }));

    const { items } = await loadTimelinePayload(t.db, viewer, inc.id);
    const kinds = items.map((i) => i.kind);
    expect(kinds.filter((k) => k === "status")).toHaveLength(2);
    expect(kinds.slice(-2)).toEqual(["note", "field_change"]);
    const move = items.find((i) => i.kind === "status" && i.fromStatus === "triage");
    expect(move).toMatchObject({ toStatus: "investigating", actor: { name: "Alice" } });
    expect(items.find((i) => i.kind === "note")).toMatchObject({ body: "Looking at the JOINs", version: 1 });
    expect(items.find((i) => i.kind === "field_change")?.data).toEqual({ severity: { from: "P1", to: "P0" } });
    const times = items.map((i) => i.at);
    expect([...times].sort()).toEqual(times);
  });

  it("serialises the incident for the browser with its key and ISO dates", async () => {
    const inc = unwrap(await createIncident(t.db, alice, { title: "Redis memory", service: "redis" }));
    const { incident } = await loadIncidentPayload(t.db, viewer, inc.id);
    expect(incident.key).toBe(`INC-${inc.number}`);
    expect(typeof incident.createdAt).toBe("string");
    expect(new Date(incident.createdAt).getTime()).toBe(inc.createdAt.getTime());
    expect(incident).not.toHaveProperty("workspaceId");
  });

  it("answers 404 for an incident of another workspace, without revealing it", async () => {
    const inc = unwrap(await createIncident(t.db, alice, { title: "Private one", service: "billing" }));
    for (const load of [loadIncidentPayload, loadTimelinePayload]) {
      const error = await load(t.db, outsider, inc.id).catch((e: unknown) => e);
      expect(isAppError(error) && error.code).toBe("not_found:incident");
    }
  });

  it("carries the workspace's SLA policy, overrides included", async () => {
    const inc = unwrap(await createIncident(t.db, alice, { title: "Slow search", service: "search", severity: "P0" }));
    expect((await loadIncidentPayload(t.db, alice, inc.id)).slaPolicy).toEqual(DEFAULT_SLA_POLICY);
    await t.db
      .update(workspaces)
      .set({ settings: { sla: { ...DEFAULT_SLA_POLICY, P0: { responseMinutes: 5, resolutionMinutes: 60 } } } })
      .where(eq(workspaces.id, alice.workspaceId));
    expect((await loadIncidentPayload(t.db, alice, inc.id)).slaPolicy.P0).toEqual({ responseMinutes: 5, resolutionMinutes: 60 });
  });
});
