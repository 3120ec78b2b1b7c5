import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import Ajv2020 from "ajv/dist/2020";
import { describe, expect, it } from "vitest";
import type { AgentPlan, Incident, SimulationRow } from "@/db/schema";
import { serializeIncident, serializePlan, serializeSimulation } from "@/lib/api/rest";

import { GET as openApiRoute } from "@/app/api/v1/openapi.json/route";
import { openApiDocument } from "./document";
import { extractExamples, matchesTemplate } from "./examples";
import { incidentResponseSchema } from "./incidents";
import { simulationResponseSchema } from "./simulation";
import { planResponseSchema } from "./agent";

const root = path.resolve(import.meta.dirname, "../../..");
const doc = openApiDocument() as unknown as {
  openapi: string;
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: object }> } }>>;
  components: { schemas: Record<string, object> };
};
const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
ajv.addSchema({ components: doc.components }, "doc");
/** A JSON Schema validator for a schema of the document (its $refs point into the document). */
const compile = (schema: object) => ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/')));
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/** Every route.ts under app/api/v1 as `{ path, methods }`, `[id]` written `{id}`. */
function routeFiles(dir = path.join(root, "app/api/v1")): { path: string; methods: string[] }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    if (entry.name !== "route.ts") return [];
    const source = readFileSync(full, "utf8");
    const methods = [...source.matchAll(/export\s+(?:const|(?:async\s+)?function)\s+([A-Z]+)\b/g)].map((m) => m[1]).filter((m) => METHODS.includes(m));
    const url = "/" + path.relative(root, path.dirname(full)).split(path.sep).slice(1).join("/").replace(/\[([^\]]+)\]/g, "{$1}");
    return [{ path: url, methods }];
  });
}

function docsFiles(): string[] {
  const dir = path.join(root, "docs");
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".md")).map((f) => path.join("docs", f)) : [];
  return ["README.md", ...files];
}

describe("the OpenAPI document", () => {
  it("lists every route under app/api/v1 with each method it exports", () => {
    const routes = routeFiles();
    expect(routes.length).toBeGreaterThan(20);
    for (const route of routes) {
      expect(route.methods.length, `${route.path} exports no method`).toBeGreaterThan(0);
      for (const method of route.methods) {
        expect(doc.paths[route.path]?.[method.toLowerCase()], `${method} ${route.path} is missing from the document`).toBeDefined();
      }
    }
  });

  it("describes no operation that has no route", () => {
    const routes = new Map(routeFiles().map((r) => [r.path, r.methods]));
    for (const [p, item] of Object.entries(doc.paths)) {
      for (const method of Object.keys(item)) expect(routes.get(p), `${method.toUpperCase()} ${p} has no route`).toContain(method.toUpperCase());
    }
  });

  it("is a valid OpenAPI 3.1 document", async () => {
    expect(doc.openapi).toBe("3.1.0");
    const result = await new Validator().validate(structuredClone(doc) as unknown as Parameters<Validator["validate"]>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("accepts its own request examples", () => {
    let checked = 0;
    for (const [p, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const media = op.requestBody?.content["application/json"] as { schema: object; example?: unknown } | undefined;
        if (media?.example === undefined) continue;
        const validate = compile(media.schema);
        expect(validate(media.example) ? [] : validate.errors, `${method.toUpperCase()} ${p}`).toEqual([]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(5);
  });

  it("accepts every example request written in the docs, and knows every /api/v1 path they call", () => {
    const examples = docsFiles().flatMap((f) => extractExamples(f, readFileSync(path.join(root, f), "utf8")));
    expect(examples.length).toBeGreaterThan(10);
    let bodies = 0;
    for (const ex of examples) {
      const where = `${ex.file}:${ex.line} ${ex.method} ${ex.path}`;
      const templates = Object.keys(doc.paths)
        .filter((t) => matchesTemplate(t, ex.path))
        .sort((a, b) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0));
      expect(templates[0], `${where}: no such path in the document`).toBeDefined();
      const op = doc.paths[templates[0]][ex.method.toLowerCase()];
      expect(op, `${where}: no such operation in the document`).toBeDefined();
      if (ex.body === undefined) continue;
      const schema = op.requestBody?.content["application/json"]?.schema;
      expect(schema, `${where}: the operation takes no JSON body`).toBeDefined();
      const validate = compile(schema!);
      expect(validate(ex.body) ? [] : validate.errors, `${where}: the example does not fit the request schema`).toEqual([]);
      bodies++;
    }
    expect(bodies).toBeGreaterThan(5);
  });
});

describe("the response schemas", () => {
  const at = new Date("2026-11-20T10:00:00.000Z");

  it("match what serializeIncident returns, field for field", () => {
    const row: Incident = {
      id: "0193a8c4-0000-7000-8000-000000000001",
      workspaceId: "0193a8c4-0000-7000-8000-000000000002",
      number: 42,
      title: "Checkout errors",
      description: "",
      service: "checkout",
      team: null,
      severity: "P1",
      status: "triage",
      generatedBy: "manual",
      incidentType: "real",
      actionable: true,
      receivesIntake: true,
      affectedSystems: ["payments"],
      remediationMode: "manual",
      metadata: { owner: "payments" },
      notes: "",
      source: "api",
      fingerprint: null,
      eventCount: 0,
      firstEventAt: null,
      lastEventAt: at,
      version: 1,
      createdByKind: "api_key",
      createdById: "key",
      createdByName: "ci",
      acknowledgedAt: null,
      resolvedAt: null,
      closedAt: null,
      resolutionSummary: "Rolled back v2.3.1",
      resolutionCause: null,
      createdAt: at,
      updatedAt: at,
    };
    // Through JSON, as the route sends it: a column added to incidents without the schema fails here.
    expect(() => incidentResponseSchema.parse(JSON.parse(JSON.stringify(serializeIncident(row))))).not.toThrow();
  });

  it("match what serializeSimulation returns, field for field", () => {
    const row: SimulationRow = {
      id: "0193a8c4-0000-7000-8000-000000000003",
      workspaceId: "0193a8c4-0000-7000-8000-000000000002",
      scenarioId: "memory_leak_gradual",
      scenarioName: "Memory leak",
      kind: "scenario",
      rootService: "payment",
      scenario: {},
      topology: {},
      seed: 7,
      speed: 10,
      autoAnalyze: true,
      healthThreshold: 70,
      status: "running",
      worldElapsedMs: 65_000,
      durationMs: 300_000,
      state: {
        health: { payment: 42 },
        details: { payment: "memory 95%" },
        unhealthy: ["payment"],
        checkIndex: 13,
        interventions: [{ atMs: 60_000, action: "restart", service: "payment", by: "ci" }],
        incidents: [{ id: "0193a8c4-0000-7000-8000-000000000004", number: 3, service: "payment", system: "payment", world_ms: 60_000 }],
        eventsEmitted: 6,
        diagnosis: { status: "requested" },
      },
      startedAt: at,
      lastTickAt: at,
      endedAt: null,
      createdByKind: "api_key",
      createdById: "key",
      createdByName: "ci",
      version: 3,
    };
    expect(() => simulationResponseSchema.parse(JSON.parse(JSON.stringify(serializeSimulation(row))))).not.toThrow();
  });
});

describe("the plan schema", () => {
  it("matches what serializePlan returns, field for field", () => {
    const at = new Date("2026-11-20T10:00:00.000Z");
    const plan: AgentPlan = {
      id: "0193a8c4-0000-7000-8000-000000000010",
      workspaceId: "0193a8c4-0000-7000-8000-000000000002",
      incidentId: "0193a8c4-0000-7000-8000-000000000004",
      simulationId: "0193a8c4-0000-7000-8000-000000000003",
      incidentSystem: "payment",
      targetService: "payment",
      status: "failed",
      mode: "manual",
      world: "simulated",
      source: "planner",
      summary: "Bad feature flag: toggle feature flag payment (paymentFailure).",
      provider: "offline",
      model: "firedrill-offline-planner-1",
      attempts: [{ provider: "offline", model: "firedrill-offline-planner-1", outcome: "answered", ms: 3 }],
      diagnosisId: null,
      steps: [
        {
          index: 0,
          action: "toggle_feature_flag",
          target: "payment",
          parameters: { flag: "paymentFailure", enabled: false },
          rationale: "The flag was enabled 2 min before the failure.",
          evidence: ["paymentFailure"],
          expected_effect: "payment recovers",
          risk: { level: "medium", score: 0.29 },
          blast_radius: ["checkout", "frontend"],
          reversible: true,
          rollback: { action: "toggle_feature_flag", target: "payment", parameters: { flag: "paymentFailure", enabled: true }, description: "Turn flag paymentFailure on again." },
          preview: { summary: "Turn feature flag paymentFailure off everywhere.", changes: [{ what: "flag paymentFailure", from: "on", to: "off" }] },
          checks: [{ name: "payment health ≥ 70%", kind: "health", system: "payment", threshold: 70, consecutive: 3 }],
          status: "done",
          output: "toggle feature flag on payment: applied to the simulated world; ended 1 active fault (payment).",
          started_at: at.toISOString(),
          finished_at: at.toISOString(),
          duration_ms: 4,
          world_ms: 60_000,
        },
      ],
      whatIf: [
        { rank: 1, action: "toggle_feature_flag", target: "payment", in_plan: true, success_probability: 1, expected_recovery_seconds: 25, worst_recovery_seconds: 25, dependents_unhealthy: 2, dependents_recovered: 2, risk_score: 0.29 },
        { rank: 2, action: "no_action", target: "payment", in_plan: false, success_probability: 0, expected_recovery_seconds: null, worst_recovery_seconds: null, dependents_unhealthy: 2, dependents_recovered: 0, risk_score: 0 },
      ],
      dropped: ['"rm -rf /" on "payment": is not an action of the catalog (groq llama-3.3-70b-versatile)'],
      checks: [{ name: "payment health ≥ 70%", passed: false, detail: "health 40 at 4m05s of world time; needs ≥ 70", observed: [40, 41, 40] }],
      riskLevel: "medium",
      riskScore: 0.29,
      requiresAdmin: false,
      notice: null,
      expiresAt: at,
      createdByKind: "user",
      createdById: "u1",
      createdByName: "Rui",
      decidedByKind: "user",
      decidedById: "u2",
      decidedByName: "Ada",
      decidedAt: at,
      decisionComment: "go",
      executedAt: at,
      verifyFromWorldMs: 60_000,
      verifyDeadlineWorldMs: 660_000,
      verifyDeadlineAt: at,
      finishedAt: at,
      failureReason: "Verification failed: payment health ≥ 70%",
      rolledBackByKind: null,
      rolledBackById: null,
      rolledBackByName: null,
      rolledBackAt: null,
      rollbackComment: null,
      version: 5,
      createdAt: at,
      updatedAt: at,
    };
    expect(() => planResponseSchema.parse(JSON.parse(JSON.stringify(serializePlan(plan))))).not.toThrow();
  });
});

describe("GET /api/v1/openapi.json", () => {
  it("serves the document to anyone, cacheable, and answers 304 to a matching If-None-Match", async () => {
    const first = openApiRoute(new Request("http://localhost/api/v1/openapi.json"));
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toContain("public");
    expect((await first.json()).paths["/api/v1/incidents"]).toBeDefined();
    const etag = first.headers.get("etag")!;
    const again = openApiRoute(new Request("http://localhost/api/v1/openapi.json", { headers: { "if-none-match": etag } }));
    expect(again.status).toBe(304);
  });
});
