import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { insertWorkspace } from "@/lib/workspaces/queries";
import { systemActor } from "@/lib/auth/actor";
import { insertApiKey } from "@/lib/auth/api-keys";
import { createIncident } from "@/lib/incidents/create-incident";
import { resetEnvCache } from "@/env";
import { sharedLimiter } from "@/lib/rate-limit/limiter";
import { builtInScenarios } from "./eval/scenarios";

const state = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock("@/db", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/db")>()), getDb: async () => state.db }));

import * as streamRoute from "@/app/api/workspaces/[slug]/incidents/[id]/diagnosis/route";
import * as diagnoseRoute from "@/app/api/v1/incidents/[id]/diagnose/route";
import * as historyRoute from "@/app/api/v1/incidents/[id]/diagnoses/route";

let t: TestDatabase;
let readKey: string;
let writeKey: string;
let otherKey: string;
let incidentId: string;
const saved = { ...process.env };

beforeAll(async () => {
  // No LLM keys: the offline engine answers (instantly, for the test).
  delete process.env.GROQ_API_KEY;
  delete process.env.GOOGLE_GENERATIVE_AI_API_KEY;
  process.env.DIAGNOSIS_OFFLINE_CHUNK_DELAY_MS = "0";
  process.env.DIAGNOSIS_RATE_LIMIT_PER_MINUTE = "5";
  resetEnvCache();
  t = await createTestDatabase();
  state.db = t.db;
  const ws = await insertWorkspace(t.db, { slug: "acme", name: "Acme" });
  const other = await insertWorkspace(t.db, { slug: "other", name: "Other" });
  const system = systemActor(ws.id);
  readKey = (await insertApiKey(t.db, system, { name: "reader", scopes: ["read"] })).key;
  writeKey = (await insertApiKey(t.db, system, { name: "writer", scopes: ["write"] })).key;
  otherKey = (await insertApiKey(t.db, systemActor(other.id), { name: "other", scopes: ["write"] })).key;
  const s = builtInScenarios.find((x) => x.id === "dependency_failure_timeout")!;
  const created = await createIncident(t.db, system, { title: s.incident.title, service: s.incident.service, metadata: s.incident.metadata });
  if (!created.ok) throw new Error(created.error);
  incidentId = created.data.id;
});

afterAll(async () => {
  process.env = saved;
  resetEnvCache();
  await t?.drop();
});

const req = (path: string, key?: string, method = "POST") =>
  new Request(`http://test${path}`, { method, headers: key ? { authorization: `Bearer ${key}` } : {} });
const ctx = (id: string) => ({ params: Promise.resolve({ id }) });
const wsCtx = (id: string, slug = "acme") => ({ params: Promise.resolve({ slug, id }) });

describe("diagnosis routes", () => {
  it("refuses anonymous callers (401), read-only keys (403) and other workspaces' incidents (404)", async () => {
    expect((await streamRoute.POST(req(`/api/workspaces/acme/incidents/${incidentId}/diagnosis`), wsCtx(incidentId))).status).toBe(401);
    expect((await diagnoseRoute.POST(req(`/api/v1/incidents/${incidentId}/diagnose`, readKey), ctx(incidentId))).status).toBe(403);
    expect((await diagnoseRoute.POST(req(`/api/v1/incidents/${incidentId}/diagnose`, otherKey), ctx(incidentId))).status).toBe(404);
    const bad = await streamRoute.POST(req(`/api/workspaces/acme/incidents/nope/diagnosis`, writeKey), wsCtx("nope"));
    expect(bad.status).toBe(422);
  });

  it("streams the diagnosis as one JSON document and returns the finished one in one call", async () => {
    sharedLimiter("diagnosis", 5, 60_000).reset();
    const streamed = await streamRoute.POST(req(`/api/workspaces/acme/incidents/${incidentId}/diagnosis`, writeKey), wsCtx(incidentId));
    expect(streamed.status).toBe(200);
    expect(streamed.headers.get("content-type")).toMatch(/text\/plain/);
    expect(streamed.headers.get("cache-control")).toMatch(/no-transform/);
    const doc = JSON.parse(await streamed.text());
    expect(doc.runs).toEqual([expect.objectContaining({ provider: "offline", outcome: "answered" })]);
    expect(doc.result.diagnosis.category).toBe("dependency/external");

    const direct = await diagnoseRoute.POST(req(`/api/v1/incidents/${incidentId}/diagnose`, writeKey), ctx(incidentId));
    expect(direct.status).toBe(201);
    expect(await direct.json()).toMatchObject({ incident_id: incidentId, provider: "offline", model: "firedrill-offline-analyst-1", diagnosis: { abstained: false } });

    const history = await historyRoute.GET(req(`/api/v1/incidents/${incidentId}/diagnoses`, readKey, "GET"), ctx(incidentId));
    expect(history.status).toBe(200);
    expect((await history.json()).items).toHaveLength(2);
  });

  it("rate-limits diagnoses per workspace with 429 and Retry-After", async () => {
    sharedLimiter("diagnosis", 5, 60_000).reset();
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 6; i++) {
      last = await diagnoseRoute.POST(req(`/api/v1/incidents/${incidentId}/diagnose`, writeKey), ctx(incidentId));
      statuses.push(last.status);
    }
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
    expect(last!.headers.get("retry-after")).toBeTruthy();
    // The rate-limited request stored nothing.
    const history = await historyRoute.GET(req(`/api/v1/incidents/${incidentId}/diagnoses?limit=100`, readKey, "GET"), ctx(incidentId));
    expect((await history.json()).items).toHaveLength(7);
  });
});
