import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { MockLanguageModelV3, simulateReadableStream } from "ai/test";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { insertWorkspace } from "@/lib/workspaces/queries";
import { diagnoses, events as eventsTable, timelineEntries } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { createIncident } from "@/lib/incidents/create-incident";
import { localBus } from "@/lib/realtime/publish";
import { prepareDiagnosis, runDiagnosis, streamDiagnosis } from "./diagnose";
import { builtInScenarios } from "./eval/scenarios";
import { offlineProvider, type ProviderEntry } from "./providers";
import { listDiagnoses } from "./queries";
import { consumeDiagnosisQuota } from "./rate-limit";
import { AppError } from "@/lib/errors";
import { diagnosisStreamSchema } from "./schema";

let t: TestDatabase;
let responder: Actor;
let viewer: Actor;
let outsider: Actor;
let incidentId: string;

const scenario = builtInScenarios.find((s) => s.id === "pod_crash_loop")!;

beforeAll(async () => {
  t = await createTestDatabase();
  const ws = await insertWorkspace(t.db, { slug: "acme", name: "Acme" });
  const other = await insertWorkspace(t.db, { slug: "other", name: "Other" });
  responder = { kind: "user", id: "u-r", name: "Riley", workspaceId: ws.id, role: "responder" };
  viewer = { kind: "user", id: "u-v", name: "Vic", workspaceId: ws.id, role: "viewer" };
  outsider = { kind: "user", id: "u-o", name: "Oz", workspaceId: other.id, role: "admin" };
  const created = await createIncident(t.db, responder, {
    title: scenario.incident.title,
    description: scenario.incident.description,
    service: scenario.incident.service,
    severity: "P2",
    metadata: scenario.incident.metadata,
  });
  if (!created.ok) throw new Error(created.error);
  incidentId = created.data.id;
  // Events attached by intake are read by the diagnosis (logs are the strongest signal).
  await t.db.insert(eventsTable).values(
    scenario.events.map((e) => ({
      workspaceId: ws.id,
      incidentId,
      service: e.service,
      level: e.level as "ERROR",
      message: e.message,
      timestamp: new Date(e.timestamp),
    })),
  );
});

afterAll(async () => {
  await t?.drop();
});

/** A model that fails the way a rate-limited provider does. */
function failingProvider(): ProviderEntry {
  return {
    id: "groq",
    model: "llama-3.3-70b-versatile",
    languageModel: new MockLanguageModelV3({
      doStream: async () => {
        throw Object.assign(new Error("Rate limit reached for model: secret internal details"), { name: "AI_APICallError" });
      },
    }),
  };
}

/** A model that streams garbage. */
function garbageProvider(): ProviderEntry {
  return {
    id: "gemini",
    model: "gemini-2.5-flash",
    languageModel: new MockLanguageModelV3({
      doStream: async () => ({
        stream: simulateReadableStream({
          chunks: [
            { type: "text-start", id: "1" },
            { type: "text-delta", id: "1", delta: "I'm sorry, as an AI I cannot diagnose this." },
            { type: "text-end", id: "1" },
            {
              type: "finish",
              finishReason: { unified: "stop", raw: "stop" },
              usage: { inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined }, outputTokens: { total: 5, text: 5, reasoning: undefined } },
            },
          ],
        }),
      }),
    }),
  };
}

describe("runDiagnosis", () => {
  it("diagnoses from the incident's events and metrics, saves it with provider details, and publishes", async () => {
    const seen: unknown[] = [];
    const listener = (m: unknown) => seen.push(m);
    localBus().on("message", listener);
    const r = await runDiagnosis(t.db, responder, incidentId, { providers: [offlineProvider()] });
    localBus().off("message", listener);
    if (!r.ok) throw new Error(r.error);
    expect(r.data.diagnosis.category).toBe("deployment");
    expect(r.data.diagnosis.hypotheses[0].evidence.some((e) => e.source === "event")).toBe(true);
    expect(r.data.meta).toMatchObject({ provider: "offline", model: "firedrill-offline-analyst-1" });
    expect(r.data.meta.output_tokens).toBeGreaterThan(0);
    expect(seen).toContainEqual(expect.objectContaining({ type: "diagnosis.finished", incidentId, diagnosisId: r.data.meta.id }));
    const timeline = await t.db.select().from(timelineEntries).where(eq(timelineEntries.incidentId, incidentId));
    expect(timeline.find((e) => e.kind === "system" && e.body.startsWith("AI diagnosis (offline engine, "))?.data).toMatchObject({ diagnosisId: r.data.meta.id });
  });

  it("keeps the history of earlier diagnoses, newest first", async () => {
    const before = await listDiagnoses(t.db, { workspaceId: responder.workspaceId, incidentId });
    const r = await runDiagnosis(t.db, responder, incidentId, { providers: [offlineProvider()] });
    const after = await listDiagnoses(t.db, { workspaceId: responder.workspaceId, incidentId });
    expect(r.ok).toBe(true);
    expect(after.length).toBe(before.length + 1);
    expect(after[0].meta.id).toBe(r.ok ? r.data.meta.id : "");
  });

  it("records skipped providers and never stores their error text as a diagnosis", async () => {
    const r = await runDiagnosis(t.db, responder, incidentId, { providers: [failingProvider(), garbageProvider(), offlineProvider()] });
    if (!r.ok) throw new Error(r.error);
    expect(r.data.meta.provider).toBe("offline");
    expect(r.data.meta.attempts.map((a) => [a.provider, a.outcome])).toEqual([
      ["groq", "skipped"],
      ["gemini", "skipped"],
      ["offline", "answered"],
    ]);
    expect(r.data.meta.attempts[1].reason).toBe("answer is not JSON");
    const rows = await t.db.select().from(diagnoses).where(eq(diagnoses.id, r.data.meta.id!));
    expect(JSON.stringify(rows[0].diagnosis)).not.toMatch(/Rate limit|sorry|secret/);
    expect(JSON.stringify(rows[0].attempts)).not.toMatch(/secret internal details/);
  });

  it("stores nothing when every provider fails", async () => {
    const before = (await t.db.select().from(diagnoses)).length;
    const r = await runDiagnosis(t.db, responder, incidentId, { providers: [failingProvider(), garbageProvider()] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.code).toBe("unavailable:diagnosis");
    expect((await t.db.select().from(diagnoses)).length).toBe(before);
  });

  it("refuses viewers (403) and hides other workspaces' incidents (404)", async () => {
    const v = await runDiagnosis(t.db, viewer, incidentId, { providers: [offlineProvider()] });
    expect(v.ok ? "" : v.code).toBe("forbidden:role");
    const o = await runDiagnosis(t.db, outsider, incidentId, { providers: [offlineProvider()] });
    expect(o.ok ? "" : o.code).toBe("not_found:incident");
  });
});

describe("streamDiagnosis", () => {
  it("streams one growing JSON document: the failed run, then the summary, then hypotheses, then the saved result", async () => {
    const prepared = await prepareDiagnosis(t.db, responder, incidentId);
    const stream = streamDiagnosis(t.db, responder, prepared, { providers: [failingProvider(), offlineProvider({ chunkDelayMs: 1 })] });
    let text = "";
    const snapshots: string[] = [];
    const reader = stream.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += value;
      snapshots.push(text);
    }
    const doc = diagnosisStreamSchema.parse(JSON.parse(text));
    expect(doc.runs.map((r) => [r.provider, r.outcome])).toEqual([
      ["groq", "skipped"],
      ["offline", "answered"],
    ]);
    expect(doc.result?.meta.provider).toBe("offline");
    expect(doc.result?.diagnosis.category).toBe("deployment");
    // The summary was on the wire before the first hypothesis.
    const summaryAt = snapshots.findIndex((s) => /"draft":\{[^]*"summary":"[^"]{5}/.test(s));
    const hypothesisAt = snapshots.findIndex((s) => /"hypotheses":\[\{/.test(s));
    expect(summaryAt).toBeGreaterThan(-1);
    expect(summaryAt).toBeLessThan(hypothesisAt);
  });
});

describe("streamDiagnosis when the reader goes away", () => {
  it("stops the providers and saves nothing when the request is cancelled mid-stream", async () => {
    const before = (await t.db.select().from(diagnoses)).length;
    const prepared = await prepareDiagnosis(t.db, responder, incidentId);
    const abort = new AbortController();
    const stream = streamDiagnosis(t.db, responder, prepared, { providers: [offlineProvider({ chunkDelayMs: 20 })], abortSignal: abort.signal });
    const reader = stream.getReader();
    await reader.read();
    abort.abort();
    await reader.cancel();
    await new Promise((r) => setTimeout(r, 300));
    expect((await t.db.select().from(diagnoses)).length).toBe(before);
  });
});

describe("diagnosis rate limit", () => {
  it("allows 30 diagnoses a minute per workspace, then answers 429 with Retry-After", () => {
    const ws = `ws-${Date.now()}`;
    for (let i = 0; i < 30; i++) consumeDiagnosisQuota(ws);
    let error: unknown;
    try {
      consumeDiagnosisQuota(ws);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(429);
    expect((error as AppError).toResponse().headers.get("retry-after")).toBeTruthy();
    // Another workspace is not affected.
    expect(() => consumeDiagnosisQuota(`${ws}-other`)).not.toThrow();
  });
});
