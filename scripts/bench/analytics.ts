/**
 * `npm run bench:analytics` — how fast the analytics page and API stay at 100,000 incidents.
 *
 * Needs PostgreSQL (DATABASE_URL or --postgres <url>): creates its own database, seeds 100,000
 * incidents spread over a year in workspace `acme` with realistic histories (acknowledgement and
 * resolution times per severity, some never acknowledged, some reopened, status history rows,
 * diagnoses for a third, agent plans for some, a tenth drills), starts `next start` on it (port
 * BENCH_PORT, default a free one), signs in, and reports the median and p95 of /analytics and of
 * GET /api/v1/analytics/summary over 30 sequential requests each (after a warm-up), for the default
 * 30 days and for a whole year. Drops the database afterwards. Prints figures; asserts nothing.
 * Target: p95 under 500 ms.
 */
import type { ChildProcess } from "node:child_process";
import { eq, sql } from "drizzle-orm";
import { openPostgres } from "@/db/client";
import { workspaces } from "@/db/schema";
import { DEFAULT_WORKSPACE, ensureSeeded } from "@/lib/seed/workspaces";
import { systemActor } from "@/lib/auth/shared";
import { insertApiKey } from "@/lib/auth";
import { args, ensureBuild, flag, freePort, guardRun, makeLog, percentile, printTable, runBench, startServer, stopServer, waitForHealth } from "./support";

const TOTAL = Number(flag("--incidents") ?? 100_000);
const REQUESTS = 30;
const WARMUP = 3;
const DEADLINE_MS = 15 * 60_000;
const ADMIN = { email: "bench-admin@firedrill.local", password: "bench-password-0123456789" };
const noBuild = args.includes("--no-build");
const postgresUrl = args.includes("--postgres") ? flag("--postgres") : process.env.DATABASE_URL;
const log = makeLog("analytics");

/**
 * Seeds in SQL (generate_series with a fixed random seed): the same data every run, in seconds
 * rather than the minutes 100,000 round trips would take.
 */
async function seed(db: Awaited<ReturnType<typeof openPostgres>>["db"]): Promise<{ apiKey: string }> {
  await ensureSeeded(db);
  const [ws] = await db.select().from(workspaces).where(eq(workspaces.slug, DEFAULT_WORKSPACE.slug)).limit(1);
  if (!ws) throw new Error("default workspace missing after seeding");
  const base = ws.incidentSeq;
  await db.transaction(async (tx) => {
    await tx.execute(sql`select setseed(0.42)`);
    await tx.execute(sql`
      create temporary table seed_incidents on commit drop as
      select g as n,
             (array['checkout','payment','cart','frontend','product-catalog','recommendation','shipping','currency','email','ad','accounting','fraud-detection'])[1 + floor(random() * 12)::int] as service,
             (array['payments','storefront','platform','data','growth','sre'])[1 + floor(random() * 6)::int] as team,
             (array['P0','P1','P1','P2','P2','P2','P3','P3'])[1 + floor(random() * 8)::int] as severity,
             (array['alertmanager','grafana','pagerduty','generic','manual','api'])[1 + floor(random() * 6)::int] as source,
             case when random() < 0.1 then 'training' else 'real' end as incident_type,
             now() - random() * interval '365 days' as created_at,
             random() as r_ack, random() as r_res, random() as r_kind, floor(random() * 200)::int as events
        from generate_series(1, ${TOTAL}) g`);
    await tx.execute(sql`
      insert into incidents (workspace_id, number, title, service, team, severity, status, source, generated_by, incident_type, event_count,
                             created_by_kind, created_by_name, created_at, updated_at, acknowledged_at, resolved_at, closed_at)
      select ${ws.id}, ${base} + n, service || ': seeded incident', service, team, severity,
             case when r_kind < 0.03 then 'triage' when r_kind < 0.06 then 'investigating' when r_kind < 0.8 then 'resolved' else 'closed' end,
             source, case when incident_type = 'training' then 'simulator' else 'bench' end, incident_type, events,
             'system', 'bench', created_at, created_at,
             case when r_kind < 0.03 then null else created_at + (r_ack * r_ack * case severity when 'P0' then 30 when 'P1' then 120 when 'P2' then 480 else 1440 end) * interval '1 minute' end,
             case when r_kind < 0.06 then null else created_at + (5 + r_res * r_res * case severity when 'P0' then 240 when 'P1' then 900 when 'P2' then 2880 else 10080 end) * interval '1 minute' end,
             case when r_kind >= 0.8 then created_at + interval '12 days' end
        from seed_incidents`);
  });
  // Histories: triage → investigating at acknowledgement, → resolved at resolution; 2% reopened.
  await db.execute(sql`
    insert into incident_status_history (workspace_id, incident_id, from_status, to_status, actor_kind, actor_name, created_at)
    select workspace_id, id, 'triage', 'investigating', 'user', 'bench', acknowledged_at from incidents where workspace_id = ${ws.id} and acknowledged_at is not null
    union all
    select workspace_id, id, 'investigating', 'resolved', 'user', 'bench', resolved_at from incidents where workspace_id = ${ws.id} and resolved_at is not null
    union all
    select workspace_id, id, 'resolved', 'investigating', 'user', 'bench', resolved_at + interval '1 minute' from incidents where workspace_id = ${ws.id} and resolved_at is not null and number % 50 = 0`);
  await db.execute(sql`
    insert into diagnoses (workspace_id, incident_id, provider, model, severity, category, confidence, diagnosis, total_ms, time_to_first_token_ms, requested_by_kind, requested_by_name, created_at)
    select workspace_id, id, (array['offline','groq','gemini'])[1 + number % 3], 'bench', severity, 'memory', 0.7, '{}'::jsonb,
           200 + (number * 37) % 4000, 50 + (number * 13) % 900, case when number % 2 = 0 then 'system' else 'user' end, 'bench', created_at + interval '1 minute'
      from incidents where workspace_id = ${ws.id} and number % 3 = 0`);
  await db.execute(sql`
    insert into agent_plans (workspace_id, incident_id, target_service, status, mode, world, source, expires_at, created_by_kind, created_by_name, created_at)
    select workspace_id, id, service, (array['succeeded','succeeded','failed','rejected','expired','rolled_back','awaiting_approval'])[1 + number % 7], 'manual', 'simulated', 'planner',
           created_at + interval '1 hour', 'system', 'bench', created_at + interval '2 minutes'
      from incidents where workspace_id = ${ws.id} and number % 10 = 0`);
  await db.update(workspaces).set({ incidentSeq: sql`${workspaces.incidentSeq} + ${TOTAL}` }).where(eq(workspaces.id, ws.id));
  await db.execute(sql`analyze`);
  const { key } = await insertApiKey(db, systemActor(ws.id, "bench:analytics"), { name: "bench:analytics", scopes: ["read"] });
  return { apiKey: key };
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
    body: new URLSearchParams({ csrfToken, email: ADMIN.email, password: ADMIN.password, callbackUrl: `${base}/analytics`, json: "true" }),
  });
  const session = res.headers.getSetCookie().map((c) => c.split(";")[0]).filter((c) => c.includes("session-token"));
  if (session.length === 0) throw new Error(`sign-in failed (HTTP ${res.status}): no session cookie`);
  return session.join("; ");
}

type Figures = { label: string; median: number; p95: number; min: number; max: number; bytes: number };

async function measure(label: string, url: string, headers: Record<string, string>, check: (body: string) => boolean): Promise<Figures> {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < WARMUP + REQUESTS; i++) {
    const t0 = performance.now();
    const res = await fetch(url, { headers, redirect: "manual", signal: AbortSignal.timeout(60_000) });
    const body = await res.text();
    const ms = performance.now() - t0;
    if (res.status !== 200 || !check(body)) throw new Error(`${label}: unexpected answer (HTTP ${res.status}) from ${url}: ${body.slice(0, 200)}`);
    bytes = body.length;
    if (i >= WARMUP) times.push(ms);
  }
  times.sort((a, b) => a - b);
  return { label, median: percentile(times, 50), p95: percentile(times, 95), min: times[0], max: times.at(-1)!, bytes };
}

async function main() {
  if (!postgresUrl) throw new Error("bench:analytics needs PostgreSQL: set DATABASE_URL or pass --postgres <url>");
  let server: ChildProcess | undefined;
  const { default: postgres } = await import("postgres");
  const name = `fd_bench_analytics_${process.pid}_${Date.now().toString(36)}`;
  const admin = postgres(postgresUrl, { max: 1, onnotice: () => {} });
  const cleanup = async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  };
  const deadline = guardRun("analytics", DEADLINE_MS, () => server, cleanup);
  ensureBuild(log, noBuild);
  await admin.unsafe(`create database ${name}`);
  try {
    const url = new URL(postgresUrl);
    url.pathname = `/${name}`;
    const handle = await openPostgres(url.toString());
    log(`seeding ${TOTAL.toLocaleString("en")} incidents with histories, diagnoses and plans into ${name}…`);
    const t0 = performance.now();
    const { apiKey } = await seed(handle.db);
    log(`seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    await handle.close();

    const port = Number(process.env.BENCH_PORT ?? 0) || (await freePort());
    const base = `http://127.0.0.1:${port}`;
    log(`starting next start on ${base}…`);
    server = startServer(port, { DATABASE_URL: url.toString(), FIREDRILL_ADMIN_EMAIL: ADMIN.email, FIREDRILL_ADMIN_PASSWORD: ADMIN.password });
    await waitForHealth(base, 120_000);
    const cookie = await signIn(base);
    log(`signed in; measuring ${REQUESTS} requests each after ${WARMUP} warm-up requests…`);
    const page = (body: string) => body.includes('data-testid="analytics-page"');
    const isJson = (body: string) => body.startsWith("{") && body.includes('"mtta"');
    const key = { authorization: `Bearer ${apiKey}` };
    const yearFrom = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
    const results = [
      await measure("GET /analytics (30 days)", `${base}/analytics`, { cookie }, page),
      await measure("GET /api/v1/analytics/summary (30 days)", `${base}/api/v1/analytics/summary`, key, isJson),
      await measure("GET /analytics (365 days)", `${base}/analytics?from=${yearFrom}`, { cookie }, page),
      await measure("GET /api/v1/analytics/summary (365 days)", `${base}/api/v1/analytics/summary?from=${yearFrom}`, key, isJson),
      await measure("GET /api/v1/analytics/summary (365 days, P1, checkout)", `${base}/api/v1/analytics/summary?from=${yearFrom}&severity=P1&service=checkout`, key, isJson),
      await measure("GET /api/v1/analytics/summary (365 days, drills)", `${base}/api/v1/analytics/summary?from=${yearFrom}&view=drills`, key, isJson),
    ];
    printTable([
      ["request", "median ms", "p95 ms", "min ms", "max ms", "body KiB"],
      ...results.map((r) => [r.label, r.median.toFixed(1), r.p95.toFixed(1), r.min.toFixed(1), r.max.toFixed(1), (r.bytes / 1024).toFixed(1)]),
    ]);
    const worst = results.reduce((a, b) => (b.p95 > a.p95 ? b : a));
    log(`worst p95 ${worst.p95.toFixed(1)} ms (${worst.label}; target < 500 ms): ${worst.p95 < 500 ? "within target" : "ABOVE target"}`);
  } finally {
    stopServer(server);
    await new Promise((r) => setTimeout(r, 500));
    await cleanup().catch(() => undefined);
    clearTimeout(deadline);
  }
}

runBench("analytics", main);
