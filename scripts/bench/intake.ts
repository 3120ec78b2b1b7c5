/**
 * `npm run bench:intake` — how fast intake takes events, against `next start` on PostgreSQL.
 *
 * Creates a uniquely named PostgreSQL database (DATABASE_URL or --postgres <url>, default
 * postgres://postgres@127.0.0.1:5432/postgres), makes an ingest key, starts `next start` on a free
 * loopback port with the rate limit lifted, and drives it with autocannon:
 *   1. single-event POSTs /api/v1/events at 50 connections (req/s, p50, p99);
 *   2. batches of 500 events (events/s);
 *   3. Alertmanager webhooks carrying groups of 50 alerts (alerts/s), twice: unchanged
 *      re-notifications of the 200 open groups (what Alertmanager mostly sends: each only counts its
 *      alerts' notifications), and notifications of new alerts (each alert a new signal and event);
 * each beside its ceiling: the no-op route of the same build (authenticates and parses the same body,
 * writes nothing) and, for rows, postgres.js inserting the same rows straight into `events`. Prints
 * figures, ratios, the CPU time the app and PostgreSQL spend per request or unit, and the server's peak
 * RSS; asserts nothing. Drops the database at the end.
 *
 * Needs a production build (made when .next is missing or older than the sources; --no-build skips
 * that check). On a shared machine run it under the e2e lock:
 *   flock /tmp/fd-e2e.lock npm run bench:intake
 * Options: --duration <s> per run (default 8), --no-build, --only single,batch,alertmanager.
 */
import type { ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { openPostgres } from "@/db/client";
import { insertWorkspace } from "@/lib/workspaces/queries";
import { systemActor } from "@/lib/auth/shared";
import { insertApiKey } from "@/lib/auth";
import { args, ensureBuild, flag, freePort, guardRun, makeLog, printTable, runBench, startServer, stopServer, waitForHealth } from "./support";

const DEADLINE_MS = 12 * 60_000;
const noBuild = args.includes("--no-build");
const DURATION = Number(flag("--duration") ?? 8);
const WARM_S = 3;
/** --only single,batch,alertmanager: run just those parts (figures of the others print as "-"). */
const only = new Set((flag("--only") ?? "single,batch,alertmanager").split(","));
const postgresUrl = flag("--postgres") ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

const log = makeLog("intake");

// ---------------------------------------------------------------------------------------------
// Server memory and CPU (from /proc)

/** Calls `visit` with the pid and /proc stat fields (after the command name) of each process that `keep` accepts by its name and fields. */
function forEachProcess(keep: (name: string, fields: string[]) => boolean, visit: (pid: string, fields: string[]) => void): void {
  if (!fs.existsSync("/proc/self/stat")) return; // not Linux: the CPU figures print as 0
  for (const pid of fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (keep(name, fields)) visit(pid, fields);
    } catch {
      // The process ended while we looked.
    }
  }
}

/** Accepts the processes of group `pgid` (field 5 of stat: the process group). */
const inGroup = (pgid: number) => (_name: string, fields: string[]) => Number(fields[2]) === pgid;

/** CPU seconds (user + system) the processes `keep` accepts have used so far: utime and stime are fields 14 and 15 of stat. */
function cpuSeconds(keep: (name: string, fields: string[]) => boolean): number {
  let ticks = 0;
  forEachProcess(keep, (_pid, fields) => {
    ticks += Number(fields[11]) + Number(fields[12]);
  });
  return ticks / 100; // USER_HZ
}

/** Resident memory of the server's process group (next start and anything it forked), in MiB. */
function groupRssMiB(pgid: number): number {
  let kib = 0;
  forEachProcess(inGroup(pgid), (pid) => {
    const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    if (m) kib += Number(m[1]);
  });
  return kib / 1024;
}

/** CPU seconds the server's process group has used so far. */
function groupCpuSeconds(pgid: number): number {
  return cpuSeconds(inGroup(pgid));
}

/**
 * CPU seconds of this machine's PostgreSQL processes (the server's pooled backends live through a
 * run, so the difference over a run is what its statements cost; run under the e2e lock so that
 * nothing else is using the database server).
 */
function postgresCpuSeconds(): number {
  return cpuSeconds((name) => name === "postgres");
}

// ---------------------------------------------------------------------------------------------
// Bodies

let counter = 0;
const benchStart = Date.now();
const levels = ["info", "info", "warn", "info", "error", "info", "debug", "info", "info", "info"];

function event(i: number) {
  return {
    service: `svc-${i % 200}`,
    level: levels[i % levels.length],
    message: `GET /api/orders/${i} answered 503 after 1200 ms (upstream payment timeout)`,
    attributes: { request_id: `req-${i}`, region: "eu-west-1", pod: `svc-${i % 200}-7d9f8b6c5-x2x9k` },
  };
}

function singleEventBody(): string {
  return JSON.stringify(event(counter++));
}

function batchBody(size: number): string {
  const list = [];
  for (let i = 0; i < size; i++) list.push(event(counter++));
  return JSON.stringify(list);
}

/**
 * A notification of one of 200 alert groups. "repeat": the group's same 50 alerts every time (an
 * Alertmanager re-notification, unchanged); "new": 50 alerts never seen before (new fingerprints).
 */
function alertmanagerBody(alerts: number, kind: "repeat" | "new" = "repeat"): string {
  const n = counter++;
  const group = n % 200;
  // Alert times must be real and recent (intake refuses anything a day ahead or before 2000).
  const startsAt = new Date(benchStart - 3_600_000 + group * 1000).toISOString();
  const id = (a: number) => (kind === "repeat" ? `${group.toString(16).padStart(8, "0")}${a.toString(16).padStart(8, "0")}` : `n${n.toString(16)}-${a}`);
  return JSON.stringify({
    version: "4",
    groupKey: `{}:{alertname="HighErrorRate", group="${group}"}`,
    truncatedAlerts: 0,
    status: "firing",
    receiver: "firedrill",
    groupLabels: { alertname: "HighErrorRate", group: String(group) },
    commonLabels: { alertname: "HighErrorRate", severity: "critical", service: `svc-${group}` },
    commonAnnotations: { summary: `High 5xx rate on svc-${group}`, runbook_url: "https://runbooks.example.com/high-error-rate" },
    externalURL: "http://alertmanager:9093",
    alerts: Array.from({ length: alerts }, (_, a) => ({
      status: "firing",
      labels: { alertname: "HighErrorRate", severity: "critical", service: `svc-${group}`, instance: `pod-${id(a)}:8080` },
      annotations: { summary: `High 5xx rate on svc-${group}`, description: `pod-${id(a)} returns 5xx for 12% of requests` },
      startsAt,
      endsAt: "0001-01-01T00:00:00Z",
      generatorURL: "http://prometheus:9090/graph?g0.expr=rate",
      fingerprint: id(a),
    })),
  });
}

// ---------------------------------------------------------------------------------------------
// Runs

type Run = { label: string; reqPerSec: number; p50: number; p99: number; non2xx: number; errors: number; units: number };

let serverPgid = 0;

/** autocannon POSTing a fresh body per request, for `duration` seconds or `amount` requests. */
function load(url: string, key: string, connections: number, body: () => string, until: { duration: number } | { amount: number }) {
  return autocannon({
    url,
    connections,
    timeout: 60,
    ...until,
    requests: [
      {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        setupRequest: (req: Record<string, unknown>) => ({ ...req, body: body() }),
      },
    ],
  });
}

async function cannon(label: string, url: string, key: string, connections: number, body: () => string, unitsPerRequest: number): Promise<Run> {
  const cpuBefore = serverPgid ? groupCpuSeconds(serverPgid) : 0;
  const pgBefore = postgresCpuSeconds();
  const result = await load(url, key, connections, body, { duration: DURATION });
  const run: Run = {
    label,
    reqPerSec: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    units: result.requests.average * unitsPerRequest,
  };
  // App CPU per unit is steadier than throughput on a machine whose speed drifts: it says what a
  // change costs the server, whatever the neighbours are doing.
  // PostgreSQL's CPU per unit, added to the app's, is the machine time a unit costs: what a target
  // rate needs in cores, whatever the route's own speed.
  const cpu = serverPgid ? groupCpuSeconds(serverPgid) - cpuBefore : NaN;
  const units = result.requests.total * unitsPerRequest || 1;
  const perUnit = (cpu * 1e6) / units;
  const pgPerUnit = ((postgresCpuSeconds() - pgBefore) * 1e6) / units;
  log(
    `${label}: ${run.reqPerSec.toFixed(0)} req/s, p50 ${run.p50} ms, p99 ${run.p99} ms, CPU per ${unitsPerRequest === 1 ? "request" : "unit"}: app ${perUnit.toFixed(1)} µs, PostgreSQL ${pgPerUnit.toFixed(1)} µs${run.non2xx || run.errors ? `, ${run.non2xx} non-2xx, ${run.errors} errors` : ""}`,
  );
  return run;
}

/** postgres.js inserting the same rows straight into `events`, 500 per statement, 10 at a time. */
async function rawInsert(url: string, workspaceId: string): Promise<number> {
  const { default: postgres } = await import("postgres");
  const sql = postgres(url, { max: 10, onnotice: () => {} });
  const until = Date.now() + DURATION * 1000;
  let rows = 0;
  const t0 = Date.now();
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      while (Date.now() < until) {
        const batch = Array.from({ length: 500 }, () => {
          const e = event(counter++);
          return {
            id: randomUUID(),
            workspace_id: workspaceId,
            service: e.service,
            level: e.level === "warn" ? "WARNING" : e.level.toUpperCase(),
            message: e.message,
            occurred_at: new Date(),
            attributes: sql.json(e.attributes),
            source: "generic",
          };
        });
        await sql`insert into events ${sql(batch, "id", "workspace_id", "service", "level", "message", "occurred_at", "attributes", "source")}`;
        rows += batch.length;
      }
    }),
  );
  const perSec = rows / ((Date.now() - t0) / 1000);
  await sql.end();
  log(`postgres.js raw insert: ${perSec.toFixed(0)} rows/s`);
  return perSec;
}

// ---------------------------------------------------------------------------------------------

async function main() {
  let server: ChildProcess | undefined;
  const cleanup: { drop?: () => Promise<void> } = {};
  const deadline = guardRun("intake", DEADLINE_MS, () => server, async () => cleanup.drop?.());

  const target = new URL(postgresUrl);
  if (!["127.0.0.1", "localhost", "[::1]"].includes(target.hostname)) throw new Error("bench:intake only talks to a local PostgreSQL (127.0.0.1)");
  ensureBuild(log, noBuild);

  const { default: postgres } = await import("postgres");
  const name = `fd_bench_intake_${process.pid}_${Date.now().toString(36)}`;
  const admin = postgres(postgresUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const dropDatabase = async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  };
  cleanup.drop = dropDatabase;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "fd-bench-intake-"));
  try {
    target.pathname = `/${name}`;
    const dbUrl = target.toString();
    const handle = await openPostgres(dbUrl, { max: 2 });
    const ws = await insertWorkspace(handle.db, { slug: "bench", name: "Bench" });
    const { key } = await insertApiKey(handle.db, systemActor(ws.id, "bench:intake"), { name: "bench", scopes: ["ingest"] });
    await handle.close();

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    log(`database ${name}; starting next start on ${base}…`);
    server = startServer(port, {
      DATABASE_URL: dbUrl,
      DATA_DIR: dataDir,
      SEED_ON_START: "off",
      INTAKE_RATE_LIMIT_PER_MINUTE: "1000000000",
      INTAKE_BENCH_NOOP: "on",
    });
    await waitForHealth(base, 120_000);
    serverPgid = server.pid ?? 0;
    let peakRss = 0;
    const sampler = setInterval(() => {
      if (server?.pid) peakRss = Math.max(peakRss, groupRssMiB(server.pid));
    }, 500);

    // Warm the routes (first requests compile nothing in production, but they open pools and caches).
    for (const p of ["/api/v1/events", "/api/v1/intake/noop", "/api/v1/integrations/alertmanager", "/api/v1/intake/noop?kind=alertmanager"]) {
      const body = p.includes("alertmanager") ? alertmanagerBody(50) : singleEventBody();
      const res = await fetch(`${base}${p}`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body });
      if (res.status !== 202) throw new Error(`warm-up ${p}: HTTP ${res.status} ${await res.text()}`);
    }
    // One request per route opens pools but leaves V8 cold: without a burst the first run measured
    // (the no-op) pays for the JIT, and the ratios flatter the real routes.
    log(`warming the JIT: ${WARM_S} s of load per route…`);
    const warm = (url: string, connections: number, body: () => string) => load(url, key, connections, body, { duration: WARM_S });
    if (only.has("single")) for (const p of ["/api/v1/intake/noop", "/api/v1/events"]) await warm(`${base}${p}`, 50, singleEventBody);
    if (only.has("batch")) for (const p of ["/api/v1/intake/noop", "/api/v1/events"]) await warm(`${base}${p}`, 10, () => batchBody(500));
    log(`measuring ${DURATION} s per run…`);
    const skipped: Run = { label: "skipped", reqPerSec: NaN, p50: NaN, p99: NaN, non2xx: 0, errors: 0, units: NaN };
    const part = <T>(name: string, run: () => Promise<T>, otherwise: T) => (only.has(name) ? run() : Promise.resolve(otherwise));
    const noopSingle = await part("single", () => cannon("no-op route, single event", `${base}/api/v1/intake/noop`, key, 50, singleEventBody, 1), skipped);
    const single = await part("single", () => cannon("POST /api/v1/events, single event", `${base}/api/v1/events`, key, 50, singleEventBody, 1), skipped);
    const noopBatch = await part("batch", () => cannon("no-op route, 500-event batch", `${base}/api/v1/intake/noop`, key, 10, () => batchBody(500), 500), skipped);
    const batch = await part("batch", () => cannon("POST /api/v1/events, 500-event batch", `${base}/api/v1/events`, key, 10, () => batchBody(500), 500), skipped);
    let noopAm = skipped;
    let amRepeat = skipped;
    let amNew = skipped;
    if (only.has("alertmanager")) {
      // Steady state: the 200 alert groups already have their incidents (opening one takes the
      // workspace's numbering lock, which is not what a stream of notifications mostly does).
      log("opening the 200 alert groups' incidents before measuring Alertmanager…");
      await load(`${base}/api/v1/integrations/alertmanager`, key, 10, () => alertmanagerBody(50), { amount: 200 });
      for (const p of ["/api/v1/intake/noop?kind=alertmanager", "/api/v1/integrations/alertmanager"]) await warm(`${base}${p}`, 10, () => alertmanagerBody(50));
      noopAm = await cannon("no-op route, Alertmanager 50 alerts", `${base}/api/v1/intake/noop?kind=alertmanager`, key, 10, () => alertmanagerBody(50), 50);
      amRepeat = await cannon("POST alertmanager, 50 alerts, unchanged re-notifications", `${base}/api/v1/integrations/alertmanager`, key, 10, () => alertmanagerBody(50), 50);
      amNew = await cannon("POST alertmanager, 50 new alerts", `${base}/api/v1/integrations/alertmanager`, key, 10, () => alertmanagerBody(50, "new"), 50);
    }
    const raw = await part("batch", () => rawInsert(dbUrl, ws.id), NaN);
    clearInterval(sampler);

    const pct = (a: number, b: number) => `${((a / b) * 100).toFixed(0)} %`;
    printTable([
      ["measure", "figure", "ceiling", "ratio", "target"],
      ["single events (req/s, 50 conns)", single.reqPerSec.toFixed(0), `${noopSingle.reqPerSec.toFixed(0)} no-op`, pct(single.reqPerSec, noopSingle.reqPerSec), "≥ 90 % of no-op"],
      ["single events p50 / p99 (ms)", `${single.p50} / ${single.p99}`, `${noopSingle.p50} / ${noopSingle.p99} no-op`, "", "p99 < 100 ms"],
      ["500-event batches (events/s)", batch.units.toFixed(0), `${noopBatch.units.toFixed(0)} no-op`, pct(batch.units, noopBatch.units), "≥ 50,000/s"],
      ["", "", `${raw.toFixed(0)} postgres.js`, pct(batch.units, raw), ""],
      ["Alertmanager re-notifications, unchanged (alerts/s)", amRepeat.units.toFixed(0), `${noopAm.units.toFixed(0)} no-op`, pct(amRepeat.units, noopAm.units), "≥ 80 % of no-op"],
      ["Alertmanager new alerts (alerts/s)", amNew.units.toFixed(0), `${noopAm.units.toFixed(0)} no-op`, pct(amNew.units, noopAm.units), ""],
      ["server peak RSS (MiB)", peakRss.toFixed(0), "", "", "< 600 MiB"],
    ]);
    const failures = [single, batch, amRepeat, amNew, noopSingle, noopBatch, noopAm].filter((r) => r.non2xx || r.errors);
    if (failures.length) log(`warning: non-2xx or errors in ${failures.map((f) => f.label).join(", ")}`);
    log(`machine: ${os.cpus().length} CPU(s), ${os.cpus()[0]?.model ?? "unknown"}; Node ${process.version}`);
  } finally {
    stopServer(server);
    await new Promise((r) => setTimeout(r, 1000));
    await dropDatabase().catch((e) => process.stderr.write(`could not drop ${name}: ${e}\n`));
    fs.rmSync(dataDir, { recursive: true, force: true });
    clearTimeout(deadline);
  }
}

runBench("intake", main);
