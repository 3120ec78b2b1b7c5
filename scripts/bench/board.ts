/**
 * `npm run bench:board` — how fast the board stays with thousands of incidents.
 *
 * Seeds a fresh database (PGlite in a temporary directory, or a new PostgreSQL database when
 * DATABASE_URL or --postgres <url> is given) with 5,000 incidents (4,000 resolved) in workspace
 * `acme`, starts `next start` on it (loopback, a free port), signs in as an admin, and reports the
 * median and p95 response time of /board and of GET /api/v1/incidents?status=triage over 50
 * sequential requests each (after a warm-up), plus the board's JSON refetch and a deep page of
 * the resolved column. Prints figures; asserts nothing. Target: /board p95 under 300 ms.
 *
 * Needs a production build: one is made when .next is missing or older than the sources
 * (--no-build to skip that check). On a shared machine, run it under the e2e lock:
 *   flock /tmp/fd-e2e.lock npm run bench:board
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { openPglite, openPostgres, type DatabaseHandle } from "@/db/client";
import { incidents, workspaces, type IncidentStatus, type Severity } from "@/db/schema";
import { DEFAULT_WORKSPACE, ensureSeeded } from "@/db/seed";
import { systemActor } from "@/lib/auth/actor";
import { insertApiKey } from "@/lib/auth/api-keys";

const TOTAL = 5_000;
const RESOLVED = 4_000;
const REQUESTS = 50;
const WARMUP = 5;
const DEADLINE_MS = 10 * 60_000;
const ADMIN = { email: "bench-admin@firedrill.local", password: "bench-password-0123456789" };
const SECRET = "bench-secret-not-for-production-0123456789";

const args = process.argv.slice(2);
const noBuild = args.includes("--no-build");
const pgFlag = args.indexOf("--postgres");
const postgresUrl = pgFlag >= 0 ? args[pgFlag + 1] : process.env.DATABASE_URL;

const started = Date.now();
function log(message: string) {
  process.stdout.write(`[bench:board ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}\n`);
}

// ---------------------------------------------------------------------------------------------
// Build

function newestMtime(dir: string): number {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (/\.(tsx?|css|mjs|json)$/.test(entry.name)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

function ensureBuild() {
  const buildId = path.resolve(".next/BUILD_ID");
  const sources = Math.max(...["app", "components", "lib", "db", "drizzle"].map((d) => newestMtime(path.resolve(d))));
  const built = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
  if (built > sources) {
    log("reusing the production build in .next (newer than the sources)");
    return;
  }
  if (noBuild) {
    log(built ? "warning: .next is older than the sources (--no-build: using it anyway)" : "no build in .next and --no-build given");
    if (!built) process.exit(1);
    return;
  }
  log(built ? ".next is older than the sources: running next build…" : "no production build: running next build…");
  const r = spawnSync("npx", ["next", "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" }, timeout: 5 * 60_000 });
  if (r.status !== 0) throw new Error("next build failed");
}

// ---------------------------------------------------------------------------------------------
// Data

type Target = { handle: DatabaseHandle; serverEnv: Record<string, string>; cleanup: () => Promise<void> };

async function openTarget(): Promise<Target> {
  if (postgresUrl) {
    const { default: postgres } = await import("postgres");
    const name = `fd_bench_${process.pid}_${Date.now().toString(36)}`;
    const admin = postgres(postgresUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(postgresUrl);
    url.pathname = `/${name}`;
    const handle = await openPostgres(url.toString());
    return {
      handle,
      serverEnv: { DATABASE_URL: url.toString() },
      cleanup: async () => {
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fd-bench-board-"));
  const pgliteDir = path.join(dir, "pglite");
  const handle = await openPglite(pgliteDir);
  return {
    handle,
    serverEnv: { DATA_DIR: dir, PGLITE_DIR: pgliteDir },
    cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

const services = ["checkout", "payment", "cart", "frontend", "product-catalog", "recommendation", "shipping", "currency", "email", "ad", "accounting", "fraud-detection"];
const teams = ["payments", "storefront", "platform", "data", "growth", "sre"];
const problems = ["p95 latency above SLO", "5xx error rate spike", "pods in CrashLoopBackOff", "memory climbing after deploy", "connection pool exhausted", "queue lag growing", "dependency timeouts"];

/** A deterministic pseudo-random sequence, so every run measures the same data. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

async function seed(handle: DatabaseHandle): Promise<{ workspaceId: string; apiKey: string }> {
  const { db } = handle;
  await ensureSeeded(db);
  const [ws] = await db.select().from(workspaces).where(eq(workspaces.slug, DEFAULT_WORKSPACE.slug)).limit(1);
  if (!ws) throw new Error("default workspace missing after seeding");
  const random = rng(42);
  const now = Date.now();
  const openStatuses: IncidentStatus[] = ["triage", "investigating", "fixing"];
  const severityPool: Severity[] = ["P0", "P1", "P1", "P2", "P2", "P2", "P3", "P3"];
  const rows: (typeof incidents.$inferInsert)[] = [];
  for (let i = 0; i < TOTAL; i++) {
    const resolved = i < RESOLVED;
    const service = services[Math.floor(random() * services.length)];
    const createdAt = new Date(now - Math.floor(random() * 90 * 24 * 3600_000));
    const resolvedAt = resolved ? new Date(Math.min(now, createdAt.getTime() + Math.floor(random() * 48 * 3600_000))) : null;
    const status: IncidentStatus = resolved ? (random() < 0.2 ? "closed" : "resolved") : openStatuses[Math.floor(random() * 3)];
    rows.push({
      workspaceId: ws.id,
      number: ws.incidentSeq + i + 1,
      title: `${service}: ${problems[Math.floor(random() * problems.length)]}`,
      description: "Seeded by bench:board.",
      service,
      team: teams[Math.floor(random() * teams.length)],
      severity: severityPool[Math.floor(random() * severityPool.length)],
      status,
      source: "bench",
      eventCount: Math.floor(random() * 200),
      createdByKind: "system",
      createdByName: "bench",
      createdAt,
      updatedAt: resolvedAt ?? createdAt,
      acknowledgedAt: status === "triage" ? null : createdAt,
      resolvedAt,
      closedAt: status === "closed" ? resolvedAt : null,
    });
  }
  for (let i = 0; i < rows.length; i += 500) await db.insert(incidents).values(rows.slice(i, i + 500));
  await db
    .update(workspaces)
    .set({ incidentSeq: sql`${workspaces.incidentSeq} + ${TOTAL}` })
    .where(eq(workspaces.id, ws.id));
  await db.execute(sql`analyze incidents`);
  const { key } = await insertApiKey(db, systemActor(ws.id, "bench:board"), { name: "bench:board", scopes: ["read"] });
  return { workspaceId: ws.id, apiKey: key };
}

// ---------------------------------------------------------------------------------------------
// Server

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

function startServer(port: number, extraEnv: Record<string, string>): ChildProcess {
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(path.resolve("node_modules/.bin/next"), ["start", "-p", String(port), "-H", "127.0.0.1"], {
    env: {
      ...process.env,
      ...extraEnv,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      NEXTAUTH_URL: base,
      NEXTAUTH_SECRET: SECRET,
      FIREDRILL_ADMIN_EMAIL: ADMIN.email,
      FIREDRILL_ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let tail = "";
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-4000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  child.on("exit", (code, signal) => {
    // Exits after our own SIGTERM are expected; anything else means the server failed.
    if (!stopping && (code || signal)) process.stderr.write(`next start exited (${code ?? signal}):\n${tail}\n`);
  });
  return child;
}

let stopping = false;

function stopServer(child: ChildProcess | undefined) {
  stopping = true;
  if (!child?.pid || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    // Already gone.
  }
}

async function waitForHealth(base: string, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const res = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(5_000) });
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the server did not answer ${base}/api/health within ${timeoutMs / 1000}s`);
}

/** Signs in through next-auth's credentials callback; returns the Cookie header of the session. */
async function signIn(base: string): Promise<string> {
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const csrfCookies = csrfRes.headers.getSetCookie().map((c) => c.split(";")[0]);
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookies.join("; "), origin: base },
    body: new URLSearchParams({ csrfToken, email: ADMIN.email, password: ADMIN.password, callbackUrl: `${base}/board`, json: "true" }),
  });
  const session = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .filter((c) => c.includes("session-token"));
  if (session.length === 0) throw new Error(`sign-in failed (HTTP ${res.status}): no session cookie`);
  return session.join("; ");
}

// ---------------------------------------------------------------------------------------------
// Measure

type Figures = { label: string; median: number; p95: number; min: number; max: number; bytes: number; status: number };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

async function measure(label: string, url: string, headers: Record<string, string>, check: (body: string) => boolean): Promise<Figures> {
  const times: number[] = [];
  let bytes = 0;
  let status = 0;
  for (let i = 0; i < WARMUP + REQUESTS; i++) {
    const t0 = performance.now();
    const res = await fetch(url, { headers, redirect: "manual", signal: AbortSignal.timeout(30_000) });
    const body = await res.text();
    const ms = performance.now() - t0;
    status = res.status;
    if (res.status !== 200 || !check(body)) throw new Error(`${label}: unexpected answer (HTTP ${res.status}) from ${url}`);
    bytes = body.length;
    if (i >= WARMUP) times.push(ms);
  }
  times.sort((a, b) => a - b);
  return { label, median: percentile(times, 50), p95: percentile(times, 95), min: times[0], max: times.at(-1)!, bytes, status };
}

function printTable(rows: Figures[]) {
  const header = ["request", "median ms", "p95 ms", "min ms", "max ms", "body KiB"];
  const lines = rows.map((r) => [r.label, r.median.toFixed(1), r.p95.toFixed(1), r.min.toFixed(1), r.max.toFixed(1), (r.bytes / 1024).toFixed(1)]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  process.stdout.write(`\n${fmt(header)}\n${widths.map((w) => "-".repeat(w)).join("  ")}\n${lines.map(fmt).join("\n")}\n\n`);
}

// ---------------------------------------------------------------------------------------------

async function main() {
  let server: ChildProcess | undefined;
  const deadline = setTimeout(() => {
    process.stderr.write(`bench:board: gave up after ${DEADLINE_MS / 60_000} minutes\n`);
    stopServer(server);
    process.exit(2);
  }, DEADLINE_MS);
  deadline.unref();

  const onSignal = () => {
    stopServer(server);
    process.exit(130);
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  ensureBuild();
  const target = await openTarget();
  try {
    log(`seeding ${TOTAL.toLocaleString("en")} incidents (${RESOLVED.toLocaleString("en")} resolved) into ${postgresUrl ? "a fresh PostgreSQL database" : "a fresh PGlite directory"}…`);
    const { apiKey } = await seed(target.handle);
    await target.handle.close();

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    log(`starting next start on ${base}…`);
    server = startServer(port, target.serverEnv);
    await waitForHealth(base, 120_000);
    const cookie = await signIn(base);
    log(`signed in; measuring ${REQUESTS} requests each after ${WARMUP} warm-up requests…`);

    const page = (body: string) => body.includes('data-testid="board"');
    const jsonWithItems = (body: string) => body.startsWith("{");
    const results = [
      await measure("GET /board", `${base}/board`, { cookie }, page),
      await measure("GET /api/v1/incidents?status=triage", `${base}/api/v1/incidents?status=triage`, { authorization: `Bearer ${apiKey}` }, jsonWithItems),
      await measure("GET /board?resolved=150 (deep page)", `${base}/board?resolved=150`, { cookie }, page),
      await measure("GET board JSON (react-query refetch)", `${base}/api/workspaces/acme/board`, { cookie }, jsonWithItems),
    ];
    printTable(results);
    const board = results[0];
    log(`/board p95 ${board.p95.toFixed(1)} ms (target < 300 ms): ${board.p95 < 300 ? "within target" : "ABOVE target"}`);
  } finally {
    stopServer(server);
    await new Promise((r) => setTimeout(r, 500));
    await target.cleanup().catch(() => undefined);
    clearTimeout(deadline);
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`bench:board failed: ${(e as Error).stack ?? e}\n`);
    process.exit(1);
  },
);
