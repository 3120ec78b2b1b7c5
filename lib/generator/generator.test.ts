import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { insertWorkspace } from "@/lib/workspaces/queries";
import { events, generatorSettings, incidents } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { chooseTemplate, composeIncident, nextDelayMs } from "./compose";
import { incidentTemplates } from "./templates";
import { generateIncident } from "./generate";
import { runGenerator } from "./jobs";
import { getGeneratorStatus, scheduleBatch, startGenerator, stopGenerator, updateGeneratorSettings, workspaceTemplates } from "./settings";

let t: TestDatabase;
let admin: Actor;
let viewer: Actor;

beforeAll(async () => {
  t = await createTestDatabase();
  const ws = await insertWorkspace(t.db, { slug: "gen", name: "Gen" });
  admin = { kind: "user", id: "u-admin", name: "Ada", workspaceId: ws.id, role: "admin" };
  viewer = { kind: "user", id: "u-view", name: "Vic", workspaceId: ws.id, role: "viewer" };
});

afterAll(async () => {
  await t?.drop();
});

describe("composition", () => {
  it("writes the same incident from the same template and seed, and different ones from other seeds", () => {
    const redis = incidentTemplates.find((x) => x.id === "redis-memory")!;
    expect(composeIncident(redis, 42)).toEqual(composeIncident(redis, 42));
    const titles = new Set(Array.from({ length: 20 }, (_, i) => composeIncident(redis, i).description));
    expect(titles.size).toBeGreaterThan(3);
    const one = composeIncident(redis, 42);
    expect(one.service).toBe("redis");
    expect(one.title).not.toMatch(/\{\w+\}/);
    expect(one.description).not.toMatch(/\{\w+\}/);
    expect(one.logs.length).toBeGreaterThanOrEqual(6);
  });

  it("covers the redis, postgres, disk, api-gateway, auth and payment templates plus the scenario catalog", () => {
    const services = new Set(incidentTemplates.map((x) => x.service));
    for (const s of ["redis", "postgresql", "disk-monitor", "api-gateway", "auth-service", "payment"]) expect(services).toContain(s);
    expect(workspaceTemplates().some((x) => x.id.startsWith("scenario:"))).toBe(true);
  });

  it("draws the interval uniformly between the minimum and the maximum", () => {
    const delays = Array.from({ length: 200 }, (_, i) => nextDelayMs(120, 300, i));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(120_000);
    expect(Math.max(...delays)).toBeLessThanOrEqual(300_000);
    expect(new Set(delays).size).toBeGreaterThan(100);
    expect(nextDelayMs(120, 300, 9)).toBe(nextDelayMs(120, 300, 9));
  });

  it("draws only from the chosen templates", () => {
    for (let seed = 0; seed < 30; seed++) expect(["disk-full", "auth-login-failures"]).toContain(chooseTemplate(workspaceTemplates(), ["disk-full", "auth-login-failures"], seed).id);
  });
});

describe("generating incidents", () => {
  it("opens a synthetic incident through intake with the composed text, 'generated_by' generator", async () => {
    const r = await generateIncident(t.db, admin, { template: "postgres-deadlock" }, { awaitDiagnosis: true });
    if (!r.ok) throw new Error(r.error);
    const [inc] = await t.db.select().from(incidents).where(eq(incidents.id, r.data.incident.id));
    expect(inc.incidentType).toBe("synthetic");
    expect(inc.source).toBe("generator");
    expect(inc.generatedBy).toBe("generator");
    expect(inc.service).toBe("postgresql");
    expect(inc.title).toBe(r.data.composed.title);
    expect((inc.metadata.generator as { template: string }).template).toBe("postgres-deadlock");
    const linked = await t.db.select().from(events).where(eq(events.incidentId, inc.id));
    expect(linked.length).toBeGreaterThanOrEqual(5);
  });

  it("refuses viewers and unknown templates, naming the field", async () => {
    const denied = await generateIncident(t.db, viewer, {});
    expect(denied.ok).toBe(false);
    const bad = await generateIncident(t.db, admin, { template: "nope" });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues?.[0]?.path).toBe("template");
  });

  it("keeps the interval range valid", async () => {
    const r = await updateGeneratorSettings(t.db, admin, { minIntervalSeconds: 300, maxIntervalSeconds: 120 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues?.map((i) => i.path)).toContain("maxIntervalSeconds");
  });
});

describe("the schedule", () => {
  it("generates when due, then waits 2–5 minutes; nothing while stopped", async () => {
    const t0 = new Date("2026-12-07T10:00:00Z");
    const started = await startGenerator(t.db, admin, { now: t0 });
    if (!started.ok) throw new Error(started.error);
    const next = new Date(started.data.nextRunAt!);
    expect(next.getTime() - t0.getTime()).toBeGreaterThanOrEqual(120_000);
    expect(next.getTime() - t0.getTime()).toBeLessThanOrEqual(300_000);

    expect((await runGenerator(t.db, { now: new Date(t0.getTime() + 60_000), awaitDiagnosis: true })).generated).toBe(0);
    expect((await runGenerator(t.db, { now: next, awaitDiagnosis: true })).generated).toBe(1);
    const after = await getGeneratorStatus(t.db, admin);
    const gap = new Date(after.nextRunAt!).getTime() - next.getTime();
    expect(gap).toBeGreaterThanOrEqual(120_000);
    expect(gap).toBeLessThanOrEqual(300_000);
    // Same time again: already done.
    expect((await runGenerator(t.db, { now: next, awaitDiagnosis: true })).generated).toBe(0);

    await stopGenerator(t.db, admin);
    expect((await runGenerator(t.db, { now: new Date(t0.getTime() + 3_600_000), awaitDiagnosis: true })).generated).toBe(0);
  });

  it("a batch gives its incidents one interval apart, the templates in turn, then ends", async () => {
    const t0 = new Date("2026-12-07T12:00:00Z");
    const r = await scheduleBatch(t.db, admin, { count: 3, intervalSeconds: 3600, templates: ["disk-full", "redis-slow"] }, { now: t0 });
    if (!r.ok) throw new Error(r.error);
    const made: string[] = [];
    for (const minutes of [0, 30, 60, 120, 180]) {
      const before = await t.db.select({ id: incidents.id }).from(incidents).where(eq(incidents.workspaceId, admin.workspaceId));
      await runGenerator(t.db, { now: new Date(t0.getTime() + minutes * 60_000), awaitDiagnosis: true });
      const after = await t.db.select().from(incidents).where(eq(incidents.workspaceId, admin.workspaceId));
      for (const inc of after) if (!before.some((b) => b.id === inc.id)) made.push(`${minutes}:${inc.service}`);
    }
    expect(made).toEqual(["0:disk-monitor", "60:redis", "120:disk-monitor"]);
    const [row] = await t.db.select().from(generatorSettings).where(and(eq(generatorSettings.workspaceId, admin.workspaceId)));
    expect(row.batch).toBeNull();
  });
});
