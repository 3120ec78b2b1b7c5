/**
 * npm run bench:realtime — commit→delivery latency of the built-in realtime driver.
 *
 * 50 SSE clients subscribe to one workspace; 500 status changes go through the real domain function
 * (transaction, history, audit, publish after commit). Each client records, for every message, the
 * time from the commit (the moment publish is called) to the frame's arrival. Reports p50/p95/p99 and
 * checks that no event was lost or duplicated.
 *
 *   PGlite:     one instance; publish → in-process bus → SSE.
 *   PostgreSQL: two instances (each its own LISTEN connection, bus and SSE hub, half the clients each);
 *               publish → NOTIFY → both instances → SSE. Uses DATABASE_URL (default the local server)
 *               in a throw-away database; skipped when PostgreSQL cannot be reached.
 *
 * Writes are paced BENCH_PACE_MS apart (default 10 ms, so up to ~100 writes/s).
 * Bounded: at most 200 clients and 5000 updates (BENCH_CLIENTS, BENCH_UPDATES); servers bind to 127.0.0.1.
 */
import { EventEmitter } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { insertWorkspace } from "@/lib/workspaces/queries";
import type { Actor } from "@/lib/auth/shared";
import { changeIncidentStatus } from "@/lib/incidents/change-status";
import { createIncident } from "@/lib/incidents/create-incident";
import { createLocalDriver } from "@/lib/realtime";
import { createNotifyDriver } from "@/lib/realtime";
import { createHub, type Hub } from "@/lib/realtime";
import { sseResponse } from "@/lib/realtime";
import type { RealtimeDriver } from "@/lib/realtime";
import type { RealtimeMessage } from "@/lib/realtime/shared";
import { localBus, setRealtimeDriver } from "@/lib/realtime";
import { readSse } from "@/lib/realtime";
import { percentile } from "./support";

const CLIENTS = Math.min(200, Number(process.env.BENCH_CLIENTS ?? 50));
const UPDATES = Math.min(5000, Number(process.env.BENCH_UPDATES ?? 500));
const INCIDENTS = 20;
const PACE_MS = Math.max(0, Number(process.env.BENCH_PACE_MS ?? 10));
const statuses = ["investigating", "fixing", "resolved", "triage"] as const;

type Instance = { hub: Hub; server: http.Server; port: number };

function startInstance(hub: Hub, workspaceId: string): Promise<Instance> {
  const server = http.createServer((req, res) => {
    const controller = new AbortController();
    req.on("close", () => controller.abort());
    const response = sseResponse({ workspaceId, signal: controller.signal, hub });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    Readable.fromWeb(response.body! as import("node:stream/web").ReadableStream).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ hub, server, port: (server.address() as AddressInfo).port })));
}

async function run(label: string, t: TestDatabase, makeInstances: (workspaceId: string) => Promise<{ publisher: RealtimeDriver; hubs: Hub[]; close: () => Promise<void> }>) {
  const ws = await insertWorkspace(t.db, { slug: `bench-${Date.now()}`, name: "Bench" });
  const actor: Actor = { kind: "user", id: "bench", name: "Bench", workspaceId: ws.id, role: "admin" };
  const ids: string[] = [];
  for (let i = 0; i < INCIDENTS; i++) {
    const created = await createIncident(t.db, actor, { title: `Bench incident ${i}`, service: "bench", severity: "P3" });
    if (!created.ok) throw new Error(created.error);
    ids.push(created.data.id);
  }

  const { publisher, hubs, close } = await makeInstances(ws.id);
  // Commit time of each event = the moment publish is called (right after the transaction commits).
  const committedAt = new Map<string, number>();
  const keyOf = (m: RealtimeMessage) => (m.type === "incident.updated" ? `${m.incidentId}@${m.version}` : null);
  setRealtimeDriver({
    publish: (m) => {
      const key = keyOf(m);
      if (key) committedAt.set(key, performance.now());
      return publisher.publish(m);
    },
  });

  const instances = await Promise.all(hubs.map((hub) => startInstance(hub, ws.id)));
  const latencies: number[] = [];
  const received = Array.from({ length: CLIENTS }, () => new Map<string, number>());
  const aborts: AbortController[] = [];
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, c) => {
      const instance = instances[c % instances.length];
      const controller = new AbortController();
      aborts.push(controller);
      const res = await fetch(`http://127.0.0.1:${instance.port}/`, { signal: controller.signal });
      let ready!: () => void;
      const isReady = new Promise<void>((r) => (ready = r));
      void readSse(res.body!, (frame) => {
        if (frame.event === "ready") ready();
        if (frame.event !== "message") return;
        const key = keyOf(frame.data as RealtimeMessage);
        if (!key) return;
        const at = performance.now();
        received[c].set(key, (received[c].get(key) ?? 0) + 1);
        const committed = committedAt.get(key);
        if (committed !== undefined) latencies.push(at - committed);
      }).catch(() => {});
      await isReady;
    }),
  );

  const versions = new Map<string, number>(ids.map((id) => [id, 1]));
  const statusIndex = new Map<string, number>(ids.map((id) => [id, 0]));
  const expected: string[] = [];
  const started = performance.now();
  for (let u = 0; u < UPDATES; u++) {
    const id = ids[u % ids.length];
    const next = statuses[statusIndex.get(id)! % statuses.length];
    statusIndex.set(id, statusIndex.get(id)! + 1);
    const result = await changeIncidentStatus(t.db, actor, id, { status: next });
    if (!result.ok) throw new Error(result.error);
    versions.set(id, result.data.version);
    expected.push(`${id}@${result.data.version}`);
    // Paced like a busy workspace rather than a tight loop: on PGlite the database runs on this
    // event loop, and back-to-back writes would starve the streams (measuring the queue, not delivery).
    if (PACE_MS > 0) await new Promise((r) => setTimeout(r, PACE_MS));
  }
  const writeSeconds = (performance.now() - started) / 1000;

  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline && received.some((r) => r.size < expected.length)) await new Promise((r) => setTimeout(r, 50));

  let lost = 0;
  let duplicated = 0;
  for (const r of received) {
    for (const key of expected) {
      const n = r.get(key) ?? 0;
      if (n === 0) lost++;
      if (n > 1) duplicated += n - 1;
    }
  }
  latencies.sort((a, b) => a - b);
  const f = (n: number) => `${n.toFixed(1)} ms`;
  console.log(
    `${label.padEnd(34)} clients ${CLIENTS}  updates ${UPDATES} (${(UPDATES / writeSeconds).toFixed(0)}/s)  deliveries ${latencies.length}/${CLIENTS * UPDATES}  ` +
      `p50 ${f(percentile(latencies, 50))}  p95 ${f(percentile(latencies, 95))}  p99 ${f(percentile(latencies, 99))}  max ${f(latencies.at(-1) ?? NaN)}  ` +
      `lost ${lost}  duplicated ${duplicated}`,
  );

  for (const a of aborts) a.abort();
  await Promise.all(instances.map((i) => new Promise((r) => i.server.close(r))));
  setRealtimeDriver(undefined);
  await close();
  return { lost, duplicated, p95: percentile(latencies, 95) };
}

async function main() {
  console.log(`bench:realtime — built-in driver, commit→delivery over SSE (${CLIENTS} clients, ${UPDATES} updates)\n`);
  const results: { lost: number; duplicated: number }[] = [];

  const url = process.env.DATABASE_URL;
  delete process.env.DATABASE_URL;
  const pglite = await createTestDatabase();
  try {
    results.push(
      await run("PGlite (one instance)", pglite, async () => {
        const driver = createLocalDriver();
        return { publisher: driver, hubs: [createHub(localBus())], close: () => driver.close() };
      }),
    );
  } finally {
    await pglite.drop();
  }

  process.env.DATABASE_URL = url ?? "postgres://postgres@127.0.0.1:5432/postgres";
  let pg: TestDatabase | undefined;
  try {
    pg = await createTestDatabase();
  } catch (e) {
    console.log(`PostgreSQL                          skipped: cannot reach ${new URL(process.env.DATABASE_URL).host} (${(e as Error).message})`);
  }
  if (pg) {
    const target = new URL(process.env.DATABASE_URL);
    target.pathname = `/${pg.name}`;
    try {
      results.push(
        await run("PostgreSQL LISTEN/NOTIFY (2 instances)", pg, async () => {
          const buses = [new EventEmitter(), new EventEmitter()];
          const drivers = await Promise.all(buses.map((bus) => createNotifyDriver(target.toString(), { bus })));
          return {
            publisher: drivers[0],
            hubs: buses.map((bus) => createHub(bus)),
            close: async () => {
              await Promise.all(drivers.map((d) => d.close()));
            },
          };
        }),
      );
    } finally {
      await pg.drop();
    }
  }
  const failed = results.some((r) => r.lost > 0 || r.duplicated > 0);
  console.log(failed ? "\nFAIL: events were lost or duplicated" : "\nOK: every client got every event exactly once");
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
