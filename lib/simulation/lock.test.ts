import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import { createTestDatabase, testDatabaseUrl, type TestDatabase } from "@/db/testing";
import { insertWorkspace } from "@/lib/workspaces/queries";
import { simulations } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { manualClock } from "./clock";
import { startSimulation } from "./runs";
import { TICK_JOB, type TickReport } from "./tick";
import { withJobLock } from "@/lib/scheduler/advisory-lock";

const run = promisify(execFile);
const onPostgres = !!process.env.DATABASE_URL;
const worker = path.resolve(import.meta.dirname, "testing/tick-worker.ts");
const tsx = path.resolve(import.meta.dirname, "../../node_modules/.bin/tsx");

// Two processes cannot share one PGlite; the cross-instance lock is a PostgreSQL matter.
describe.skipIf(!onPostgres)("the tick's advisory lock across processes", () => {
  let t: TestDatabase;
  let actor: Actor;
  const clock = manualClock();
  const ids: string[] = [];

  beforeAll(async () => {
    t = await createTestDatabase();
    const ws = await insertWorkspace(t.db, { slug: "lock", name: "Lock" });
    actor = { kind: "user", id: "u", name: "U", workspaceId: ws.id, role: "admin" };
    // Enough runs that a tick takes a while, so the two processes' ticks overlap.
    for (let i = 0; i < 120; i++) {
      const r = await startSimulation(t.db, actor, i % 2 ? "traffic_spike" : "payment_failure", { seed: i }, { clock });
      if (!r.ok) throw new Error(r.error);
      ids.push(r.data.id);
    }
  }, 120_000);

  afterAll(async () => {
    await t?.drop();
  });

  it("lets exactly one of two instances tick at a time, so every world advances once per tick", async () => {
    const url = testDatabaseUrl(t)!;
    for (let round = 1; round <= 3; round++) {
      const now = clock.advance(5000).getTime();
      const startAt = Date.now() + 2500;
      const outputs = await Promise.all(
        [0, 1].map(() => run(tsx, [worker, url, String(now), String(startAt)], { env: { ...process.env, LOG_LEVEL: "silent" }, timeout: 60_000 })),
      );
      const reports = outputs.map((o) => JSON.parse(o.stdout.trim().split("\n").at(-1)!) as TickReport);
      // One advanced every world; the other found the lock taken (or, coming later, nothing left to do).
      expect(reports.map((r) => r.advanced).sort((a, b) => a - b)).toEqual([0, ids.length]);
      const rows = await t.db.select({ e: simulations.worldElapsedMs }).from(simulations).where(eq(simulations.workspaceId, actor.workspaceId));
      expect(new Set(rows.map((r) => r.e))).toEqual(new Set([round * 5000]));
    }
  }, 180_000);

  it("makes another process skip its tick while one instance holds the tick lock", async () => {
    const url = testDatabaseUrl(t)!;
    const now = clock.advance(5000).getTime();
    const held = await withJobLock(t.db, TICK_JOB, async () => {
      const { stdout } = await run(tsx, [worker, url, String(now), "0"], { env: { ...process.env, LOG_LEVEL: "silent" }, timeout: 60_000 });
      return JSON.parse(stdout.trim().split("\n").at(-1)!) as TickReport;
    });
    expect(held.ran).toBe(true);
    if (held.ran) expect(held.value).toMatchObject({ ran: false, advanced: 0 });
    // Once released, the other instance ticks normally.
    const { stdout } = await run(tsx, [worker, url, String(now), "0"], { env: { ...process.env, LOG_LEVEL: "silent" }, timeout: 60_000 });
    expect(JSON.parse(stdout.trim().split("\n").at(-1)!)).toMatchObject({ ran: true, advanced: ids.length });
  }, 120_000);
});
