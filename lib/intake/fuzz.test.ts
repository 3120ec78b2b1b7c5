import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import fc from "fast-check";
import { count, eq } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { insertWorkspace } from "@/lib/workspaces/queries";
import { alertSignals, deadLetters, events, idempotencyKeys, incidents } from "@/db/schema";
import { systemActor } from "@/lib/auth/actor";
import { insertApiKey } from "@/lib/auth/api-keys";
import { resetEnvCache } from "@/env";

/**
 * Bad input is never a 5xx. Arbitrary JSON, strings with control characters, NUL and lone
 * surrogates, extreme numbers and dates go through the real route handlers of every intake
 * endpoint and of POST /api/v1/incidents, against PGlite (or PostgreSQL with DATABASE_URL): every
 * answer is below 500, a 4xx writes nothing (no event, incident, signal or idempotency claim), and
 * an intake 4xx keeps the body as a dead letter. FUZZ_SEED and FUZZ_RUNS replay or widen a run.
 */
const state = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock("@/db", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/db")>()), getDb: async () => state.db }));

import * as eventsRoute from "@/app/api/v1/events/route";
import * as alertmanagerRoute from "@/app/api/v1/integrations/alertmanager/route";
import * as grafanaRoute from "@/app/api/v1/integrations/grafana/route";
import * as pagerdutyRoute from "@/app/api/v1/integrations/pagerduty/route";
import * as incidentsRoute from "@/app/api/v1/incidents/route";

const SEED = Number(process.env.FUZZ_SEED ?? 170_117);
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);

let t: TestDatabase;
let ingestKey: string;
let writeKey: string;
let workspaceId: string;

beforeAll(async () => {
  // A limit no run reaches: this test is about bad input, not the rate limit.
  process.env.INTAKE_RATE_LIMIT_PER_MINUTE = "100000000";
  resetEnvCache();
  t = await createTestDatabase();
  state.db = t.db;
  const ws = await insertWorkspace(t.db, { slug: "fuzz", name: "Fuzz" });
  workspaceId = ws.id;
  ingestKey = (await insertApiKey(t.db, systemActor(ws.id), { name: "fuzz ingest", scopes: ["ingest"] })).key;
  writeKey = (await insertApiKey(t.db, systemActor(ws.id), { name: "fuzz writer", scopes: ["write"] })).key;
});

afterAll(async () => {
  delete process.env.INTAKE_RATE_LIMIT_PER_MINUTE;
  resetEnvCache();
  await t?.drop();
});

// ---------------------------------------------------------------------------------------------
// Values

/** Pieces that have broken databases, parsers and loggers. */
const nastyPiece = fc.constantFrom(
  "\u0000",
  "\ud800",
  "\udc00",
  "\udbff\udfff",
  "\u202e",
  "\ufeff",
  "\uffff",
  "\u0001\u001f\u007f",
  "\n\r\t",
  "'; drop table events; --",
  '"',
  "\\",
  "%00",
  "${x}",
  "🔥",
  "🔥".slice(0, 1),
  "a".repeat(300),
  "",
  " ",
);
const nastyString = fc.oneof(
  { weight: 3, arbitrary: fc.array(fc.oneof(nastyPiece, fc.string({ maxLength: 6 })), { maxLength: 5 }).map((p) => p.join("")) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom("checkout", "api", "error", "warning", "critical", "firing", "resolved", "trigger", "resolve") },
);
const extremeNumber = fc.oneof(
  fc.constantFrom(0, -0, -1, 1, -1e12, -1e15, 1e11, 1e13, 1e20, 8.64e15, 8.64e15 + 1, Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, 2 ** 53, 0.5),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const now = Date.now();
const dateString = fc.oneof(
  fc.constantFrom(
    "0000-01-01T00:00:00Z",
    "0001-01-01T00:00:00Z",
    "-004713-01-01T00:00:00Z",
    "+275760-09-13T00:00:00Z",
    "9999-12-31T23:59:59Z",
    "1969-12-31T23:59:59Z",
    "1970-01-01T00:00:00Z",
    "2026-02-30T10:00:00Z",
    "2026-13-01T00:00:00Z",
    "2026-11-20T24:00:00Z",
    "2026-11-20T10:00:00+25:00",
    "2026-11-20T10:00:00.123456789Z",
    "2026-11-20",
    "Mon, 20 Nov 2026 10:00:00 GMT",
    "",
    "now",
  ),
  fc.integer({ min: -3 * 86_400_000, max: 3 * 86_400_000 }).map((d) => new Date(now + d).toISOString()),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
);
const timeValue = fc.oneof(dateString, extremeNumber, fc.constant(null));
const scalar = fc.oneof(nastyString, extremeNumber, fc.boolean(), fc.constant(null));
/** Any JSON value, its strings nasty. */
const anyJson = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small", withCrossShrink: true }, scalar, tie("array"), tie("object")),
  array: fc.array(tie("value"), { maxLength: 4 }),
  object: fc.dictionary(nastyString, tie("value"), { maxKeys: 4 }),
})).value;

// Mostly valid, so that requests get past validation and reach the database (where the 500s were),
// with any field at times replaced by anything at all.
/** Storable text with what still breaks naive code: control characters, combining marks, emoji, quotes. */
const oddPiece = fc.constantFrom("\u0001", "\u001f", "\u007f", "\u202e", "\ufeff", "\u0301", "🔥", "👩‍💻", "\t", "\n", "'", '"', "\\", "%", "é");
const fineString = fc
  .array(fc.oneof({ weight: 3, arbitrary: fc.string({ unit: "grapheme", maxLength: 8 }) }, { weight: 1, arbitrary: oddPiece }), { maxLength: 4 })
  .map((parts) => `x${parts.join("")}`);
const fewOf = <T>(...values: T[]) => fc.constantFrom(...values);
const fineTime = fc.oneof(
  fc.integer({ min: -3 * 86_400_000, max: 12 * 3_600_000 }).map((d) => new Date(now + d).toISOString()),
  fc.integer({ min: -3 * 86_400, max: 3_600 }).map((d) => Math.floor(now / 1000) + d),
  fc.constantFrom("2000-01-01T00:00:00Z", "2026-11-20T10:00:00.123456789+01:00"),
);
/** A field: usually `fine`, sometimes nasty, sometimes any JSON at all. */
const field = <T>(fine: fc.Arbitrary<T>, nasty: fc.Arbitrary<unknown> = nastyString) =>
  fc.oneof({ weight: 24, arbitrary: fine as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: nasty }, { weight: 1, arbitrary: anyJson });
const object = (fields: Record<string, fc.Arbitrary<unknown>>, requiredKeys: string[]) =>
  fc.oneof({ weight: 12, arbitrary: fc.record(fields, { requiredKeys }) }, { weight: 1, arbitrary: anyJson });
const labelMap = field(
  fc.record({ alertname: fewOf("HighErrorRate", "DiskFull", "X"), service: fewOf("checkout", "api", "db", ""), severity: fewOf("critical", "warning", "info", "P1"), note: fineString }, { requiredKeys: ["alertname"] }),
  fc.dictionary(nastyString, scalar, { maxKeys: 4 }),
);

const eventBody = object(
  {
    service: field(fewOf("checkout", "api", "db", "cache")),
    level: field(fewOf("error", "ERROR", "warn", "info", "fatal", "debug", "crit")),
    message: field(fineString),
    timestamp: field(fineTime, timeValue),
    fingerprint: field(fewOf("disk", "db", "🔥")),
    dedup_key: field(fineString),
    attributes: field(fc.dictionary(fineString, fc.oneof(fineString, fc.integer(), fc.boolean()), { maxKeys: 4 }), fc.dictionary(nastyString, scalar, { maxKeys: 4 })),
  },
  ["service", "level", "message"],
);
const eventsPayload = fc.oneof({ weight: 2, arbitrary: eventBody }, { weight: 3, arbitrary: fc.array(eventBody, { minLength: 1, maxLength: 6 }) });

const alertBody = object(
  {
    status: field(fewOf("firing", "resolved")),
    labels: labelMap,
    annotations: field(fc.record({ summary: fineString, runbook_url: fineString }, { requiredKeys: [] }), fc.dictionary(nastyString, scalar, { maxKeys: 3 })),
    startsAt: field(fineTime.map((v) => (typeof v === "number" ? new Date(v * 1000).toISOString() : v)), timeValue),
    endsAt: field(fc.oneof(fc.constant("0001-01-01T00:00:00Z"), fineTime.map((v) => (typeof v === "number" ? new Date(v * 1000).toISOString() : v))), timeValue),
    generatorURL: field(fineString),
    fingerprint: field(fewOf("f1", "f2", "f3", "f4")),
    values: field(fc.dictionary(fineString, fc.double({ noNaN: true, noDefaultInfinity: true }), { maxKeys: 2 })),
  },
  ["status", "labels", "startsAt", "endsAt"],
);
const groupPayload = object(
  {
    version: fewOf("4", "1"),
    groupKey: field(fewOf("g1", "g2", "g3", '{}:{alertname="X"}')),
    status: fewOf("firing", "resolved"),
    receiver: field(fineString),
    groupLabels: labelMap,
    commonLabels: labelMap,
    commonAnnotations: field(fc.record({ summary: fineString, description: fineString }, { requiredKeys: [] })),
    externalURL: field(fewOf("http://am-0:9093", "http://am-1:9093")),
    title: field(fineString),
    alerts: field(fc.array(alertBody, { minLength: 1, maxLength: 4 })),
  },
  ["groupKey", "alerts"],
);

const pagerdutyPayload = object(
  {
    event_action: field(fewOf("trigger", "trigger", "acknowledge", "resolve")),
    dedup_key: field(fewOf("k1", "k2", "k3")),
    payload: object(
      {
        summary: field(fineString),
        source: field(fewOf("srv01", "srv02")),
        severity: field(fewOf("critical", "error", "warning", "info")),
        timestamp: field(fineTime.map((v) => (typeof v === "number" ? new Date(v * 1000).toISOString() : v)), timeValue),
        component: field(fewOf("mysql", "checkout", "")),
        group: field(fineString),
        class: field(fineString),
        custom_details: field(fc.oneof(anyJson, fc.integer({ min: 60, max: 90 }).map((kib) => ({ blob: "x".repeat(kib * 1024) })))),
      },
      ["summary", "source", "severity"],
    ),
    links: field(fc.array(fc.record({ href: fineString, text: fineString }, { requiredKeys: ["href"] }), { maxLength: 2 })),
    images: field(fc.array(fc.record({ src: fineString, alt: fineString }, { requiredKeys: ["src"] }), { maxLength: 2 })),
    client: field(fineString),
  },
  ["event_action", "payload"],
);

const incidentPayload = object(
  {
    title: field(fineString.map((v) => `${v}abc`)),
    description: field(fineString),
    service: field(fewOf("checkout", "api", "db")),
    team: field(fineString),
    severity: field(fewOf("P0", "P1", "P2", "P3")),
    status: field(fewOf("triage", "investigating", "resolved")),
    affected_systems: field(fc.array(fineString, { maxLength: 3 })),
    incident_type: field(fewOf("real", "training")),
    actionable: field(fc.boolean()),
    receives_intake: field(fc.boolean()),
    metadata: field(fc.dictionary(fineString, anyJson, { maxKeys: 3 })),
    notes: field(fineString),
  },
  ["title", "service"],
);

/** A request body: mostly the JSON of a value, sometimes text that is not JSON at all. */
const asBody = (value: fc.Arbitrary<unknown>) =>
  fc.oneof(
    { weight: 30, arbitrary: value.map((v) => JSON.stringify(v) ?? "null") },
    { weight: 1, arbitrary: fc.oneof(nastyString, fc.constantFrom("", "{", '{"a":1', "\u0000{}", "[1,2,]")) },
  );

// ---------------------------------------------------------------------------------------------

type Target = { name: string; body: fc.Arbitrary<string>; send: (body: string, idempotencyKey?: string) => Promise<Response>; deadLetters: boolean };

const post = (handler: (r: Request) => Promise<Response>, url: string, key: () => string) => (body: string, idempotencyKey?: string) =>
  handler(
    new Request(url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${key()}`, ...(idempotencyKey ? { "idempotency-key": idempotencyKey } : {}) },
      body,
    }),
  );

const targets: Target[] = [
  { name: "POST /api/v1/events", body: asBody(eventsPayload), send: post(eventsRoute.POST, "http://127.0.0.1/api/v1/events", () => ingestKey), deadLetters: true },
  {
    name: "POST /api/v1/integrations/alertmanager",
    body: asBody(groupPayload),
    send: post(alertmanagerRoute.POST, "http://127.0.0.1/api/v1/integrations/alertmanager", () => ingestKey),
    deadLetters: true,
  },
  {
    name: "POST /api/v1/integrations/grafana",
    body: asBody(groupPayload),
    send: post(grafanaRoute.POST, "http://127.0.0.1/api/v1/integrations/grafana", () => ingestKey),
    deadLetters: true,
  },
  {
    name: "POST /api/v1/integrations/pagerduty",
    body: asBody(pagerdutyPayload),
    send: post(pagerdutyRoute.POST, "http://127.0.0.1/api/v1/integrations/pagerduty", () => ingestKey),
    deadLetters: true,
  },
  { name: "POST /api/v1/incidents", body: asBody(incidentPayload), send: post(incidentsRoute.POST, "http://127.0.0.1/api/v1/incidents", () => writeKey), deadLetters: false },
];

async function counts() {
  const n = async (table: typeof events | typeof incidents | typeof alertSignals | typeof idempotencyKeys | typeof deadLetters) =>
    (await t.db.select({ n: count() }).from(table).where(eq(table.workspaceId, workspaceId)))[0].n;
  return { events: await n(events), incidents: await n(incidents), signals: await n(alertSignals), claims: await n(idempotencyKeys), deadLetters: await n(deadLetters) };
}

describe("fuzzing every intake endpoint and POST /api/v1/incidents", () => {
  for (const target of targets) {
    it(`${target.name}: never a 5xx; a 4xx writes nothing and keeps the body`, async () => {
      await fc.assert(
        fc.asyncProperty(target.body, fc.option(fc.string({ minLength: 1, maxLength: 8 }), { freq: 4 }), async (body, idempotencyKey) => {
          const before = await counts();
          const res = await target.send(body, idempotencyKey ?? undefined);
          const text = await res.text();
          expect(res.status, `${res.status} ${text}`).toBeLessThan(500);
          // Every answer is JSON (errors name what was wrong).
          expect(() => JSON.parse(text)).not.toThrow();
          if (res.status >= 400) {
            const after = await counts();
            expect({ ...after, deadLetters: 0 }).toEqual({ ...before, deadLetters: 0 });
            if (target.deadLetters && res.status !== 401 && res.status !== 403) expect(after.deadLetters).toBe(before.deadLetters + 1);
          }
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
    }, 120_000);
  }
});
