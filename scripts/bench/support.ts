/**
 * What the benchmark scripts share: flags, timestamped logging, the production-build check, a
 * `next start` child on a free loopback port, percentiles and a plain-text table.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

export const BENCH_SECRET = "bench-secret-not-for-production-0123456789";

export const args = process.argv.slice(2);

/** The value after `name` on the command line (undefined when the flag is absent or last). */
export function flag(name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** `[bench:<name> 12.3s] message` on stdout, seconds counted from when the logger was made. */
export function makeLog(name: string): (message: string) => void {
  const started = Date.now();
  return (message) => {
    process.stdout.write(`[bench:${name} ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}\n`);
  };
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

/** Runs `next build` when .next is missing or older than the sources; `noBuild` only warns (or fails when there is no build). */
export function ensureBuild(log: (message: string) => void, noBuild: boolean) {
  const buildId = path.resolve(".next/BUILD_ID");
  const sources = Math.max(...["app", "components", "lib", "db", "drizzle"].map((d) => newestMtime(path.resolve(d))));
  const built = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
  if (built > sources) return log("reusing the production build in .next (newer than the sources)");
  if (noBuild) {
    if (!built) throw new Error("no build in .next and --no-build given");
    return log("warning: .next is older than the sources (--no-build: using it anyway)");
  }
  log(built ? ".next is older than the sources: running next build…" : "no production build: running next build…");
  const r = spawnSync("npx", ["next", "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" }, timeout: 5 * 60_000 });
  if (r.status !== 0) throw new Error("next build failed");
}

// ---------------------------------------------------------------------------------------------
// Server

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

let stopping = false;

/**
 * `next start` in production mode on 127.0.0.1:`port`, in its own process group (so stopServer ends
 * it and its workers). `env` adds to and overrides the defaults below.
 */
export function startServer(port: number, env: Record<string, string>): ChildProcess {
  // BENCH_SERVER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") runs the server under those Node flags.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, path.resolve("node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      NEXTAUTH_SECRET: BENCH_SECRET,
      LOG_LEVEL: "warn",
      ...env,
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

export function stopServer(child: ChildProcess | undefined) {
  stopping = true;
  if (!child?.pid || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    // Already gone.
  }
}

export async function waitForHealth(base: string, timeoutMs: number) {
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

/**
 * Stops the server and exits 2 after `deadlineMs` (running `onTimeout` first), and stops it on
 * Ctrl-C / SIGTERM (exit 130). Returns the deadline timer, to clear when the run ends.
 */
export function guardRun(name: string, deadlineMs: number, server: () => ChildProcess | undefined, onTimeout?: () => Promise<void>): NodeJS.Timeout {
  const deadline = setTimeout(async () => {
    process.stderr.write(`bench:${name}: gave up after ${deadlineMs / 60_000} minutes\n`);
    stopServer(server());
    await onTimeout?.().catch(() => undefined);
    process.exit(2);
  }, deadlineMs);
  deadline.unref();
  const onSignal = () => {
    stopServer(server());
    process.exit(130);
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  return deadline;
}

/** Runs `main`, exiting 0 when it resolves and 1 (stack on stderr) when it throws. */
export function runBench(name: string, main: () => Promise<void>) {
  main().then(
    () => process.exit(0),
    (e) => {
      process.stderr.write(`bench:${name} failed: ${(e as Error).stack ?? e}\n`);
      process.exit(1);
    },
  );
}

// ---------------------------------------------------------------------------------------------
// Figures

/** Nearest-rank percentile of an ascending array; NaN when it is empty. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** A plain-text table on stdout: the first row is the header, the first column left-aligned, the rest right-aligned. */
export function printTable(rows: string[][]) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  process.stdout.write(`\n${fmt(rows[0])}\n${widths.map((w) => "-".repeat(w)).join("  ")}\n${rows.slice(1).map(fmt).join("\n")}\n\n`);
}
