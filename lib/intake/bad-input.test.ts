import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { and, count, eq } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { insertWorkspace } from "@/lib/workspaces/queries";
import { deadLetters, events, incidents } from "@/db/schema";
import { systemActor } from "@/lib/auth/actor";
import { insertApiKey } from "@/lib/auth/api-keys";
import { sharedLimiter } from "@/lib/rate-limit/limiter";

// Every finding of "never a 5xx on bad input", through the real route handlers, on PGlite or (with
// DATABASE_URL) PostgreSQL: the database is the one that refused these values before.
const state = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock("@/db", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/db")>()), getDb: async () => state.db }));

import * as eventsRoute from "@/app/api/v1/events/route";
import * as alertmanagerRoute from "@/app/api/v1/integrations/alertmanager/route";
import * as grafanaRoute from "@/app/api/v1/integrations/grafana/route";
import * as pagerdutyRoute from "@/app/api/v1/integrations/pagerduty/route";
import * as incidentsRoute from "@/app/api/v1/incidents/route";
import { readJson, route, callerRoute } from "@/lib/api/http";

let t: TestDatabase;
let ingestKey: string;
let writeKey: string;
let workspaceId: string;
const fixture = (name: string) => JSON.parse(readFileSync(path.join(import.meta.dirname, "fixtures", name), "utf8"));

beforeAll(async () => {
  t = await createTestDatabase();
  state.db = t.db;
  const ws = await insertWorkspace(t.db, { slug: "bad-input", name: "Bad input" });
  workspaceId = ws.id;
  ingestKey = (await insertApiKey(t.db, systemActor(ws.id), { name: "monitoring", scopes: ["ingest"] })).key;
  writeKey = (await insertApiKey(t.db, systemActor(ws.id), { name: "writer", scopes: ["write"] })).key;
});

afterAll(async () => {
  await t?.drop();
});

beforeEach(() => {
  sharedLimiter("intake", 6_000, 60_000).reset();
});

const routes = {
  events: eventsRoute.POST,
  alertmanager: alertmanagerRoute.POST,
  grafana: grafanaRoute.POST,
  pagerduty: pagerdutyRoute.POST,
};
type Endpoint = keyof typeof routes;

function post(endpoint: Endpoint, body: unknown, headers: Record<string, string> = {}) {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return routes[endpoint](
    new Request(`http://127.0.0.1/api/v1/${endpoint}`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${ingestKey}`, ...headers },
      body: text,
    }),
  );
}

const rows = async () => ({
  events: (await t.db.select({ n: count() }).from(events).where(eq(events.workspaceId, workspaceId)))[0].n,
  incidents: (await t.db.select({ n: count() }).from(incidents).where(eq(incidents.workspaceId, workspaceId)))[0].n,
});
const deadLetterCount = async () => (await t.db.select({ n: count() }).from(deadLetters).where(eq(deadLetters.workspaceId, workspaceId)))[0].n;

/** Sends a bad body and checks the whole contract: a 4xx naming `field`, nothing written, the body dead-lettered. */
async function refused(endpoint: Endpoint, body: unknown, field: string | RegExp, status = endpoint === "pagerduty" ? 400 : 422) {
  const before = await rows();
  const letters = await deadLetterCount();
  const res = await post(endpoint, body);
  const json = await res.json();
  expect(res.status, JSON.stringify(json)).toBe(status);
  const paths = (json.issues ?? []).map((i: { path: string }) => i.path);
  expect(paths.some((p: string) => (typeof field === "string" ? p === field : field.test(p))), `${paths.join(", ")} should name ${field}`).toBe(true);
  expect(await rows()).toEqual(before);
  expect(await deadLetterCount()).toBe(letters + 1);
  return json;
}

const event = (over: Record<string, unknown> = {}) => ({ service: "web", level: "error", message: "boom", ...over });
const alertmanager = (alert: Record<string, unknown> = {}, group: Record<string, unknown> = {}) => {
  const body = fixture("alertmanager-firing.json");
  Object.assign(body.alerts[0], alert);
  return { ...body, groupKey: `bad-${Math.random()}`, ...group };
};
const pagerduty = (payload: Record<string, unknown> = {}, top: Record<string, unknown> = {}) => {
  const body = fixture("pagerduty-trigger.json");
  return { ...body, dedup_key: `bad-${Math.random()}`, payload: { ...body.payload, ...payload }, ...top };
};

describe("NUL (U+0000) in any string is a 4xx naming the field, never a database error", () => {
  it("in an event's service, message, fingerprint, dedup_key and attributes", async () => {
    await refused("events", event({ service: "web\u0000" }), "service");
    await refused("events", event({ message: "a\u0000b" }), "message");
    await refused("events", event({ fingerprint: "\u0000" }), "fingerprint");
    await refused("events", event({ dedup_key: "k\u0000" }), "dedup_key");
    await refused("events", event({ attributes: { note: "x\u0000" } }), "attributes.note");
    await refused("events", event({ attributes: { nested: { deep: ["ok", "\u0000"] } } }), "attributes.nested.deep.1");
    await refused("events", event({ attributes: { ["k\u0000"]: 1 } }), "attributes");
    const json = await refused("events", [event(), event({ message: "\u0000" })], "1.message");
    expect(json.errors).toEqual([{ index: 1, field: "message", message: expect.stringMatching(/NUL/) }]);
  });

  it("in Alertmanager and Grafana labels, annotations and unknown fields kept in the raw alert", async () => {
    await refused("alertmanager", alertmanager({ labels: { alertname: "X", service: "a\u0000" } }), "alerts.0.labels.service");
    await refused("alertmanager", alertmanager({ annotations: { summary: "\u0000" } }), "alerts.0.annotations.summary");
    await refused("alertmanager", alertmanager({}, { commonLabels: { team: "\u0000" } }), "commonLabels.team");
    await refused("alertmanager", alertmanager({ extra: { note: "\u0000" } }), "alerts.0.extra.note");
    await refused("alertmanager", alertmanager({}, { groupKey: "g\u0000" }), "groupKey");
    const grafana = { ...fixture("grafana-firing.json"), groupKey: "gf-bad" };
    grafana.alerts[0].labels.zone = "\u0000";
    await refused("grafana", grafana, "alerts.0.labels.zone");
  });

  it("in a PagerDuty summary, dedup_key and custom_details", async () => {
    await refused("pagerduty", pagerduty({ summary: "disk\u0000" }), "payload.summary");
    await refused("pagerduty", pagerduty({}, { dedup_key: "k\u0000" }), "dedup_key");
    await refused("pagerduty", pagerduty({ custom_details: { a: ["\u0000"] } }), "payload.custom_details.a.0");
  });

  it("in an incident's title and metadata over REST (422, nothing created)", async () => {
    const before = await rows();
    for (const body of [{ title: "Disk \u0000 full", service: "db" }, { title: "Disk full", service: "db", metadata: { k: "\u0000" } }]) {
      const res = await incidentsRoute.POST(
        new Request("http://127.0.0.1/api/v1/incidents", {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${writeKey}` },
          body: JSON.stringify(body),
        }),
      );
      expect(res.status).toBe(422);
      expect((await res.json()).issues[0].path).toMatch(/^(title|metadata\.k)$/);
    }
    expect(await rows()).toEqual(before);
  });

  it("in the query of GET /api/v1/incidents (?q=%00, ?service=%00)", async () => {
    for (const q of ["q=%00", "service=%00", "team=a%00b"]) {
      const res = await incidentsRoute.GET(new Request(`http://127.0.0.1/api/v1/incidents?${q}`, { headers: { authorization: `Bearer ${writeKey}` } }));
      expect(res.status, q).toBe(422);
    }
  });
});

describe("lone UTF-16 surrogates are a 4xx naming the field", () => {
  it("in an event's service or message", async () => {
    await refused("events", '{"service":"\\udc00","level":"error","message":"m"}', "service");
    await refused("events", '{"service":"web","level":"error","message":"x\\ud800"}', "message");
  });

  it("in an alert label", async () => {
    await refused("alertmanager", JSON.stringify(alertmanager()).replace('"instance":"', '"instance":"\\udc00'), "alerts.0.labels.instance");
  });
});

describe("times outside the documented range, or not real dates, are a 4xx", () => {
  it("on /events: epoch -1e12, year -4713, 1969, 30 February", async () => {
    await refused("events", event({ timestamp: -1e12 }), "timestamp");
    await refused("events", event({ timestamp: "-004713-01-01T00:00:00Z" }), "timestamp");
    await refused("events", event({ timestamp: "1969-07-20T20:17:40Z" }), "timestamp");
    const json = await refused("events", event({ timestamp: "2026-02-30T10:00:00Z" }), "timestamp");
    expect(json.errors[0].message).toMatch(/no such day/);
  });

  it("on Alertmanager startsAt and PagerDuty payload.timestamp (year 0)", async () => {
    await refused("alertmanager", alertmanager({ startsAt: "0000-01-01T00:00:00Z" }), "alerts.0.startsAt");
    await refused("pagerduty", pagerduty({ timestamp: "0000-01-01T00:00:00Z" }), "payload.timestamp");
  });

  it("while Alertmanager's zero endsAt still means firing", async () => {
    const res = await post("alertmanager", alertmanager({ endsAt: "0001-01-01T00:00:00Z" }));
    expect(res.status).toBe(202);
  });
});

describe("sizes are checked where the data lands", () => {
  it("keeps a PagerDuty event with custom_details over 64 KiB: the incident's metadata notes it, the event keeps it whole", async () => {
    const big = { blob: "x".repeat(200 * 1024) };
    const res = await post("pagerduty", pagerduty({ component: "big-details", custom_details: big }, { dedup_key: "big-details-1" }));
    expect(res.status).toBe(202);
    const [inc] = await t.db.select().from(incidents).where(and(eq(incidents.workspaceId, workspaceId), eq(incidents.fingerprint, "pd:big-details-1")));
    expect(inc.metadata.custom_details).toMatchObject({ omitted: true });
    const [ev] = await t.db.select().from(events).where(eq(events.incidentId, inc.id));
    expect((ev.raw as { payload: { custom_details: { blob: string } } }).payload.custom_details.blob).toHaveLength(200 * 1024);
  });

  it("opens an incident from a PagerDuty summary of two characters, one of them an emoji", async () => {
    const res = await post("pagerduty", pagerduty({ summary: "x🔥", component: "short-summary" }));
    expect(res.status).toBe(202);
  });

  it("opens an incident from an alert with a one-letter name and an empty service label", async () => {
    const body = alertmanager({ labels: { alertname: "X", service: "" }, annotations: {} }, { commonLabels: {}, commonAnnotations: {}, groupLabels: {} });
    body.alerts = [body.alerts[0]];
    const res = await post("alertmanager", body);
    expect(res.status).toBe(202);
    expect((await res.json()).incident.status).toBe("created");
  });
});

describe("PagerDuty", () => {
  it("refuses links and images that are not arrays of objects (400 naming them)", async () => {
    await refused("pagerduty", pagerduty({}, { links: "https://example.com" }), "links");
    await refused("pagerduty", pagerduty({}, { images: [{ alt: "no src" }] }), "images.0.src");
  });
});

describe("Idempotency-Key", () => {
  it("answers the first answer to a retry with the same body, and 422 to the same key with another body (nothing written)", async () => {
    const first = await post("events", event({ service: "idem-422" }), { "idempotency-key": "k-422" });
    expect(first.status).toBe(202);
    const again = await post("events", event({ service: "idem-422" }), { "idempotency-key": "k-422" });
    expect(await again.json()).toEqual(await first.json());
    const before = await rows();
    const other = await post("events", event({ service: "idem-422", message: "another body" }), { "idempotency-key": "k-422" });
    expect(other.status).toBe(422);
    expect((await other.json()).code).toBe("unprocessable:idempotency_key");
    expect(await rows()).toEqual(before);
  });

  it("is refused the same way for two different bodies sent at once, and for Alertmanager and PagerDuty", async () => {
    const [a, b] = await Promise.all([
      post("events", event({ service: "idem-race", message: "one" }), { "idempotency-key": "k-race" }),
      post("events", event({ service: "idem-race", message: "two" }), { "idempotency-key": "k-race" }),
    ]);
    expect([a.status, b.status].sort()).toEqual([202, 422]);
    const am = alertmanager();
    expect((await post("alertmanager", am, { "idempotency-key": "k-am" })).status).toBe(202);
    expect((await post("alertmanager", { ...am, receiver: "other" }, { "idempotency-key": "k-am" })).status).toBe(422);
    const pd = pagerduty({ component: "idem-pd" });
    expect((await post("pagerduty", pd, { "idempotency-key": "k-pd" })).status).toBe(202);
    expect((await post("pagerduty", { ...pd, client: "other" }, { "idempotency-key": "k-pd" })).status).toBe(422);
  });
});

describe("the route wrapper's last resort", () => {
  it("answers a database data exception (SQLSTATE class 22) with a 422 JSON body and keeps the body as a dead letter", async () => {
    const letters = await deadLetterCount();
    // A handler that reads the body as routes do, then meets the database's refusal (wrapped, as
    // Drizzle wraps driver errors).
    const wrapped = callerRoute("incident:write", async ({ request }) => {
      await readJson(request);
      const pg = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: "22021" });
      throw new Error("Failed query: insert into incidents …", { cause: pg });
    });
    const res = await wrapped(
      new Request("http://127.0.0.1/api/v1/incidents", {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${writeKey}` },
        body: '{"title":"kept"}',
      }),
    );
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ code: "unprocessable:data" });
    expect(await deadLetterCount()).toBe(letters + 1);
    const [letter] = await t.db.select().from(deadLetters).where(eq(deadLetters.source, "POST /api/v1/incidents"));
    expect(letter.body).toBe('{"title":"kept"}');
  });

  it("logs a real failure with the request id and answers it in a JSON 500", async () => {
    const res = await route(async (_request: Request) => {
      throw new Error("boom");
    })(new Request("http://127.0.0.1/x", { headers: { "x-request-id": "req-abc-1" } }));
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: "Internal server error.", code: "internal", request_id: "req-abc-1" });
    expect(res.headers.get("x-request-id")).toBe("req-abc-1");
  });
});

describe("405", () => {
  it("answers a method a route does not serve with a JSON body and an Allow header", async () => {
    const res = await eventsRoute.GET(new Request("http://127.0.0.1/api/v1/events", { method: "GET" }));
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
    expect(await res.json()).toMatchObject({ code: "method_not_allowed", allowed: ["POST"] });
    const put = await incidentsRoute.PUT(new Request("http://127.0.0.1/api/v1/incidents", { method: "PUT" }));
    expect(put.headers.get("allow")).toBe("GET, POST, HEAD");
  });
});
