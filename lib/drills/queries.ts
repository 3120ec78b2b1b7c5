import { and, desc, eq, sql } from "drizzle-orm";
import { drills, type Drill } from "@/db/schema";
import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/shared";
import { assertCan } from "@/lib/auth";
import { findRun } from "@/lib/simulation";
import { listDiagnoses } from "@/lib/diagnosis";
import { drillIncident, findDrill } from "./drills";
import type { DrillPage, DrillView, LeaderboardRow } from "./shared";

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** A drill as the pages and the API show it: the answer stays hidden until it ends. */
export async function getDrillView(db: Database, actor: Actor, id: string): Promise<DrillView> {
  assertCan(actor, "incident:read");
  const d = await findDrill(db, actor.workspaceId, id);
  const run = d.simulationId ? await findRun(db, { workspaceId: actor.workspaceId, id: d.simulationId }) : undefined;
  const incident = await drillIncident(db, d, run);
  const ended = d.status === "ended";
  return {
    id: d.id,
    title: d.title,
    status: d.status,
    scenarioId: d.scenarioId,
    scenarioName: d.scenarioName,
    difficulty: d.difficulty,
    rootService: d.rootService,
    expectedRootCause: ended ? d.expectedRootCause : null,
    expectedActions: ended ? d.expectedActions : null,
    seed: d.seed,
    speed: d.speed,
    aiAssistance: d.aiAssistance,
    participants: d.participants,
    facilitator: d.createdByName,
    simulationId: d.simulationId,
    simulationStatus: run?.status ?? null,
    incidentId: incident?.id ?? null,
    incidentNumber: incident?.number ?? null,
    incidentStatus: incident?.status ?? null,
    injections: d.injections,
    acceptedCause: d.acceptedCause,
    acceptedAt: iso(d.acceptedAt),
    acceptedByName: d.acceptedByName,
    score: d.score,
    totalScore: d.totalScore,
    debrief: d.debrief,
    rerunOf: d.rerunOf,
    createdAt: d.createdAt.toISOString(),
    startedAt: iso(d.startedAt),
    endedAt: iso(d.endedAt),
    version: d.version,
  };
}

/** The workspace's drills, newest first; `participantId` keeps one person's history; `sameAs` the runs of one scenario and seed. */
export async function listDrills(db: Database, actor: Actor, options: { participantId?: string; sameAs?: Pick<Drill, "scenarioId" | "seed">; limit?: number } = {}): Promise<Drill[]> {
  assertCan(actor, "incident:read");
  const conds = [eq(drills.workspaceId, actor.workspaceId)];
  if (options.participantId) conds.push(sql`${drills.participants} @> ${JSON.stringify([{ id: options.participantId }])}::jsonb`);
  if (options.sameAs) conds.push(eq(drills.scenarioId, options.sameAs.scenarioId), eq(drills.seed, options.sameAs.seed));
  return db
    .select()
    .from(drills)
    .where(and(...conds))
    .orderBy(desc(drills.createdAt))
    .limit(Math.min(options.limit ?? 50, 200));
}

/** Per participant over the workspace's ended drills: count, best and average score, median time to acknowledge. */
export async function drillLeaderboard(db: Database, actor: Actor): Promise<LeaderboardRow[]> {
  assertCan(actor, "incident:read");
  const result = (await db.execute(sql`
    select p->>'id' as id, max(p->>'name') as name, count(*)::int as drills,
           max(d.total_score)::int as best, avg(d.total_score)::float8 as average,
           percentile_cont(0.5) within group (order by (d.score->>'timeToAcknowledgeSeconds')::float8) as ack
      from drills d cross join lateral jsonb_array_elements(d.participants) p
     where d.workspace_id = ${actor.workspaceId} and d.status = 'ended'
     group by p->>'id'
     order by best desc, average desc, name asc
     limit 100`)) as unknown as Record<string, unknown>[] | { rows: Record<string, unknown>[] };
  const rows = Array.isArray(result) ? result : result.rows;
  return rows.map((r) => ({
    participantId: String(r.id),
    name: String(r.name),
    drills: Number(r.drills),
    bestScore: Number(r.best),
    averageScore: Math.round(Number(r.average) * 10) / 10,
    medianTimeToAcknowledgeSeconds: r.ack === null || r.ack === undefined ? null : Math.round(Number(r.ack)),
  }));
}

/** The drill page: the drill and, while it runs, the latest diagnosis' hypotheses of its incident to accept from. */
export async function getDrillPage(db: Database, actor: Actor, id: string): Promise<DrillPage> {
  const drill = await getDrillView(db, actor, id);
  if (!drill.incidentId) return { drill, hypotheses: [] };
  const [latest] = await listDiagnoses(db, { workspaceId: actor.workspaceId, incidentId: drill.incidentId, limit: 1 });
  const hypotheses = (latest?.diagnosis.hypotheses ?? []).map((h) => ({ title: h.title, cause: h.cause, confidence: h.confidence, provider: latest.meta.provider }));
  return { drill, hypotheses };
}
