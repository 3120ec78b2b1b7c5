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
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { openPglite, openPostgres, type DatabaseHandle } from "@/db/client";
import { incidents, workspaces, type IncidentStatus, type Severity } from "@/db/schema";
import { DEFAULT_WORKSPACE, ensureSeeded } from "@/lib/seed/workspaces";
import { systemActor } from "@/lib/auth/shared";
import { insertApiKey } from "@/lib/auth";
import { args, ensureBuild, flag, freePort, guardRun, makeLog, percentile, printTable, runBench, startServer, stopServer, waitForHealth } from "./support";

const TOTAL = 5_000;
const RESOLVED = 4_000;
const REQUESTS = 50;
const WARMUP = 5;
const DEADLINE_MS = 10 * 60_000;
const ADMIN = { email: "bench-admin@firedrill.local", password: "bench-password-0123456789" };

const noBuild = args.includes("--no-build");
// An explicit --postgres wins even without a value (then PGlite), as before.
const postgresUrl = args.includes("--postgres") ? flag("--postgres") : process.env.DATABASE_URL;

const log = makeLog("board");

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

// ---------------------------------------------------------------------------------------------

async function main() {
  let server: ChildProcess | undefined;
  const deadline = guardRun("board", DEADLINE_MS, () => server);

  ensureBuild(log, noBuild);
  const target = await openTarget();
  try {
    log(`seeding ${TOTAL.toLocaleString("en")} incidents (${RESOLVED.toLocaleString("en")} resolved) into ${postgresUrl ? "a fresh PostgreSQL database" : "a fresh PGlite directory"}…`);
    const { apiKey } = await seed(target.handle);
    await target.handle.close();

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    log(`starting next start on ${base}…`);
    server = startServer(port, { ...target.serverEnv, FIREDRILL_ADMIN_EMAIL: ADMIN.email, FIREDRILL_ADMIN_PASSWORD: ADMIN.password });
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
    printTable([
      ["request", "median ms", "p95 ms", "min ms", "max ms", "body KiB"],
      ...results.map((r) => [r.label, r.median.toFixed(1), r.p95.toFixed(1), r.min.toFixed(1), r.max.toFixed(1), (r.bytes / 1024).toFixed(1)]),
    ]);
    const board = results[0];
    log(`/board p95 ${board.p95.toFixed(1)} ms (target < 300 ms): ${board.p95 < 300 ? "within target" : "ABOVE target"}`);
  } finally {
    stopServer(server);
    await new Promise((r) => setTimeout(r, 500));
    await target.cleanup().catch(() => undefined);
    clearTimeout(deadline);
  }
}

runBench("board", main);
