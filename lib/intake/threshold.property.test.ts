import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { and, eq, inArray } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { insertWorkspace } from "@/lib/workspaces/queries";
import { events, incidents, openStatuses } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { changeIncidentStatus } from "@/lib/incidents/change-status";
import { ingestEvents } from "./ingest-events";
import { levelRank, normalizeLevel } from "./levels";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

const services = ["api", "db", "cache"] as const;
const levels = ["debug", "info", "warn", "error", "critical", "fatal"] as const;
const WINDOW_MS = 5 * 60_000;

type Op =
  | { kind: "events"; advance: number; items: { service: (typeof services)[number]; level: (typeof levels)[number]; lag: number }[] }
  | { kind: "resolve"; service: (typeof services)[number] };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant("events" as const),
      // Seconds the clock moves before this request; events may lag behind it by up to a minute.
      advance: fc.integer({ min: 0, max: 150 }),
      items: fc.array(
        fc.record({ service: fc.constantFrom(...services), level: fc.constantFrom(...levels), lag: fc.integer({ min: 0, max: 60 }) }),
        { minLength: 1, maxLength: 6 },
      ),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("resolve" as const), service: fc.constantFrom(...services) }) },
);

let run = 0;
let incidentsOpened = 0;

describe("threshold property", () => {
  it("keeps at most one open incident per service and links every counted event, for any interleaving", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 25 }), async (ops) => {
        const ws = await insertWorkspace(t.db, { slug: `prop-${++run}`, name: "Prop" });
        const actor: Actor = { kind: "api_key", id: "k", name: "key", workspaceId: ws.id, role: "admin", scopes: ["ingest"] };
        const admin: Actor = { kind: "user", id: "u", name: "Ada", workspaceId: ws.id, role: "admin" };
        let clock = Date.parse("2026-11-20T00:00:00Z");
        let seq = 0;
        // Which "period" (between resolves) each event arrived in, per service.
        const period: Record<string, number> = { api: 0, db: 0, cache: 0 };
        const arrived = new Map<string, { service: string; period: number; ts: number; rank: number }>();

        for (const op of ops) {
          if (op.kind === "resolve") {
            const open = await t.db
              .select({ id: incidents.id })
              .from(incidents)
              .where(and(eq(incidents.workspaceId, ws.id), eq(incidents.service, op.service), inArray(incidents.status, [...openStatuses])));
            for (const o of open) {
              const r = await changeIncidentStatus(t.db, admin, o.id, { status: "resolved" });
              expect(r.ok).toBe(true);
            }
            if (open.length) period[op.service]++;
            continue;
          }
          clock += op.advance * 1000;
          const batch = op.items.map((i) => {
            const message = `m${++seq}`;
            const ts = clock - i.lag * 1000;
            arrived.set(message, { service: i.service, period: period[i.service], ts, rank: levelRank(normalizeLevel(i.level)!) });
            return { service: i.service, level: i.level, message, timestamp: new Date(ts).toISOString() };
          });
          const r = await ingestEvents(t.db, actor, batch);
          expect(r.ok).toBe(true);
        }

        const incs = await t.db.select().from(incidents).where(eq(incidents.workspaceId, ws.id));
        const evs = await t.db.select().from(events).where(eq(events.workspaceId, ws.id));
        incidentsOpened += incs.length;
        for (const s of services) {
          expect(incs.filter((i) => i.service === s && (openStatuses as readonly string[]).includes(i.status)).length).toBeLessThanOrEqual(1);
        }
        for (const inc of incs) {
          const linked = evs.filter((e) => e.incidentId === inc.id);
          expect(linked.length).toBe(inc.eventCount);
          expect(linked.every((e) => e.service === inc.service)).toBe(true);
        }
        // No unlinked qualifying events of one period could have filled a window on their own.
        const errorRank = levelRank("ERROR");
        const groups = new Map<string, number[]>();
        for (const e of evs) {
          if (e.incidentId) continue;
          const a = arrived.get(e.message)!;
          if (a.rank < errorRank) continue;
          const k = `${a.service}#${a.period}`;
          groups.set(k, [...(groups.get(k) ?? []), a.ts]);
        }
        for (const list of groups.values()) {
          list.sort((x, y) => x - y);
          for (let i = 0; i + 4 < list.length; i++) expect(list[i + 4] - list[i]).toBeGreaterThan(WINDOW_MS);
        }
      }),
      { numRuns: 30 },
    );
    // The generator must actually cross thresholds, or the property says little.
    expect(incidentsOpened).toBeGreaterThan(0);
  }, 120_000);
});
