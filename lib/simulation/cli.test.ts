import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { execFile } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { promisify } from "node:util";
import type { AddressInfo } from "node:net";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { insertWorkspace } from "@/lib/workspaces/queries";
import { systemActor } from "@/lib/auth/actor";
import { insertApiKey } from "@/lib/auth/api-keys";
import type { Database } from "@/db/client";

const state = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock("@/db", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/db")>()), getDb: async () => state.db }));

import * as scenariosRoute from "@/app/api/v1/scenarios/route";
import * as startRoute from "@/app/api/v1/scenarios/[id]/start/route";
import * as simulationRoute from "@/app/api/v1/simulations/[id]/route";
import * as stopRoute from "@/app/api/v1/simulations/[id]/stop/route";
import * as diagnosesRoute from "@/app/api/v1/incidents/[id]/diagnoses/route";
import { tickSimulations } from "./tick";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");

type Handler = (request: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const routes: [RegExp, string, Handler, string[]][] = [
  [/^\/api\/v1\/scenarios$/, "GET", scenariosRoute.GET as Handler, []],
  [/^\/api\/v1\/scenarios\/([^/]+)\/start$/, "POST", startRoute.POST as Handler, ["id"]],
  [/^\/api\/v1\/simulations\/([^/]+)$/, "GET", simulationRoute.GET as Handler, ["id"]],
  [/^\/api\/v1\/simulations\/([^/]+)\/stop$/, "POST", stopRoute.POST as Handler, ["id"]],
  [/^\/api\/v1\/incidents\/([^/]+)\/diagnoses$/, "GET", diagnosesRoute.GET as Handler, ["id"]],
];

let t: TestDatabase;
let key: string;
let server: http.Server;
let url: string;
let ticker: NodeJS.Timeout;

beforeAll(async () => {
  t = await createTestDatabase();
  state.db = t.db;
  const ws = await insertWorkspace(t.db, { slug: "cli", name: "CLI" });
  key = (await insertApiKey(t.db, systemActor(ws.id), { name: "cli", scopes: ["write"] })).key;
  // The app's REST routes behind a plain HTTP server, as `next start` would serve them.
  server = http.createServer(async (req, res) => {
    const u = new URL(req.url ?? "/", "http://local");
    const found = routes.find(([re, method]) => method === req.method && re.test(u.pathname));
    if (!found) return res.writeHead(404).end("{}");
    const [re, , handler, names] = found;
    const m = re.exec(u.pathname)!;
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const request = new Request(u.toString(), { method: req.method, headers: req.headers as Record<string, string>, body: body.length ? body : undefined });
    const response = await handler(request, { params: Promise.resolve(Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1])]))) });
    res.writeHead(response.status, { "content-type": "application/json" }).end(await response.text());
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The scheduler's job, on the real clock.
  ticker = setInterval(() => void tickSimulations(t.db as Database).catch(() => undefined), 100);
});

afterAll(async () => {
  clearInterval(ticker);
  await new Promise((r) => server?.close(r));
  await t?.drop();
});

const cli = (...args: string[]) => run(path.join(root, "node_modules/.bin/tsx"), [path.join(root, "scripts/sim-cli.ts"), ...args, "--url", url, "--key", key], { cwd: root, timeout: 60_000 });

describe("npm run sim", () => {
  it("lists the catalog as a table", async () => {
    const { stdout } = await cli("list", "--difficulty", "advanced");
    expect(stdout).toMatch(/scenario\s+service\s+severity/);
    expect(stdout).toContain("dependency_failure_timeout");
    expect(stdout).not.toContain("memory_leak_gradual");
  });

  it("runs a scenario, showing progress, the incident it opens and that it waits for remediation", async () => {
    const { stdout } = await cli("run", "payment_unreachable", "--speed", "200", "--seed", "3");
    expect(stdout).toMatch(/incident opened INC-\d+ on payment/);
    expect(stdout).toMatch(new RegExp(`${url.replace(/[.]/g, "\\.")}/incidents/[0-9a-f-]{36}`));
    expect(stdout).toContain("waiting for remediation");
    expect(stdout).toMatch(/POST \/api\/v1\/incidents\/[0-9a-f-]{36}\/agent\/plans/);
  });

  it("runs a scenario that heals by itself to its end", async () => {
    const { stdout } = await cli("run", "traffic_spike", "--speed", "200", "--seed", "3");
    expect(stdout).toContain("completed");
  });

  it("with --analyze, prints the diagnosis of the incident the run opened", async () => {
    const { stdout } = await cli("run", "pod_crash_loop", "--speed", "200", "--seed", "5", "--analyze");
    expect(stdout).toMatch(/incident opened INC-\d+ on payment/);
    expect(stdout).toContain("Diagnosis");
    expect(stdout).toMatch(/1\. .+/);
  });

  it("explains a refused call", async () => {
    await expect(cli("run", "no_such_scenario")).rejects.toMatchObject({ stderr: expect.stringContaining("404") });
  });
});
