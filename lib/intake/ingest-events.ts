import { uuidv7 } from "@/lib/uuidv7";
import { PgTransaction } from "drizzle-orm/pg-core";
import type { Database } from "@/db/client";
import type { IncidentType } from "@/db/schema";
import type { Actor } from "@/lib/auth/shared";
import { assertCan } from "@/lib/auth";
import { AppError, type FieldIssue } from "@/lib/errors";
import { createIncidentSchema } from "@/lib/incidents/shared";
import { insertIncident } from "@/lib/incidents";
import { publishAll } from "@/lib/realtime";
import type { RealtimeEvent } from "@/lib/realtime/shared";
import { toResult, zodIssues, type Result } from "@/lib/result";
import { claimBatch } from "./idempotency";
import { groupCommitPerHandle } from "./group-commit";
import { levelRank, severityForLevel } from "./levels";
import {
  bumpIncidentsEvents,
  insertEvents,
  insertEventsUnlessOpen,
  INSERT_CHUNK,
  linkPendingEvents,
  unlinkEvents,
  lockWindows,
  readWindows,
  saveWindows,
  timeSpan,
  truncate,
  type NormalizedEvent,
  type OpenIncident,
  type WindowUpdate,
  type WindowsAndOpen,
} from "./pipeline";
import { loadRules, type EffectiveRule } from "./rules";
import { MAX_BATCH, eventInputSchema, type ParsedEvent } from "./schemas";
import { evaluateWindow } from "./threshold";
import { eventLevels } from "@/db/schema";

export type IngestedIncident = { id: string; number: number; status: "created" | "attached" };
export type IngestResult = { accepted: number; incidents: IngestedIncident[] };
export type IngestOptions = {
  /** The Idempotency-Key header: a retry within 24 h returns the first answer and writes nothing. */
  idempotencyKey?: string;
  /** Recorded on events and incidents (default "generic"; the simulator passes "simulator"). */
  source?: string;
  /** Type of incidents this call opens (the simulator opens synthetic ones). */
  incidentType?: IncidentType;
  /** Clock for events without a timestamp (tests and the simulator inject it). */
  now?: Date;
  /** false: write this call alone, never together with concurrent calls (tests of the database locks). */
  coalesce?: boolean;
};

/**
 * Validates one event or an array of them. Any bad event rejects the whole batch with a 422 that
 * names each bad index and field.
 */
export function parseEvents(input: unknown): ParsedEvent[] {
  const isBatch = Array.isArray(input);
  const list: unknown[] = isBatch ? input : [input];
  if (isBatch && list.length === 0) throw invalid([{ path: "(body)", message: "must hold at least one event" }]);
  if (list.length > MAX_BATCH) throw invalid([{ path: "(body)", message: `must hold at most ${MAX_BATCH} events (got ${list.length})` }]);
  const parsed: ParsedEvent[] = [];
  const issues: FieldIssue[] = [];
  list.forEach((item, index) => {
    const r = eventInputSchema.safeParse(item);
    if (r.success) parsed.push(r.data);
    else for (const i of zodIssues(r.error)) issues.push({ path: isBatch ? `${index}.${i.path}`.replace(/\.\(root\)$/, "") : i.path, message: i.message });
  });
  if (issues.length > 0) throw invalid(issues);
  return parsed;
}

function invalid(issues: FieldIssue[]): AppError {
  const summary = issues.slice(0, 5).map((i) => `${i.path} ${i.message}`).join("; ");
  return new AppError("unprocessable:events", `Invalid events, nothing was written: ${summary}${issues.length > 5 ? "; …" : ""}`, { issues });
}

function groupKey(e: Pick<NormalizedEvent, "fingerprint" | "dedupKey" | "service">): string {
  if (e.fingerprint) return `fp:${e.fingerprint}`;
  if (e.dedupKey) return `dk:${e.dedupKey}`;
  return `svc:${e.service}`;
}

/** Events written together in one flush carry at most this many events (one statement's worth). */
const MAX_EVENTS_PER_FLUSH = 2_500;

type EventSettings = { source: string; incidentType: IncidentType };
type EventJob = { events: NormalizedEvent[]; idempotencyKey?: string };
type QueuedEventJob = { actor: Actor; settings: EventSettings; job: EventJob };

/** Concurrent calls of one caller share transactions (one queue per database handle). */
const eventCommits = groupCommitPerHandle<Database, QueuedEventJob, IngestResult>((db) => ({
  maxWeight: MAX_EVENTS_PER_FLUSH,
  concurrency: 2,
  writeMany: (queued) => writeEventJobs(db, queued[0].actor, queued[0].settings, queued.map((q) => q.job)),
}));

/**
 * Ingests log-style events: writes them, attaches them to the open incident of their service (or
 * fingerprint), and opens exactly one incident when a rule's threshold is crossed — by the events'
 * own timestamps, evaluated on the key's small window row, never by scanning `events`.
 *
 * Concurrent calls of the same caller are written together (see group-commit.ts); each still gets
 * its own answer. Inside a caller's transaction, or with `coalesce: false`, the call is written alone.
 */
export async function ingestEvents(db: Database, actor: Actor, input: unknown, options: IngestOptions = {}): Promise<Result<IngestResult>> {
  return toResult({ op: "intake.ingestEvents", actor },
    async () => {
      assertCan(actor, "event:ingest");
      const job: EventJob = { events: normalize(parseEvents(input), options), idempotencyKey: options.idempotencyKey?.trim() || undefined };
      const settings: EventSettings = { source: options.source ?? "generic", incidentType: options.incidentType ?? "real" };
      if (options.coalesce === false || db instanceof PgTransaction) return (await writeEventJobs(db, actor, settings, [job]))[0];
      const key = `${actor.workspaceId}|${actor.kind}:${actor.id ?? ""}|${settings.source}|${settings.incidentType}`;
      return eventCommits(db).submit(key, { actor, settings, job }, job.events.length);
    },
  );
}

const noResult: IngestResult = { accepted: 0, incidents: [] };

/**
 * Writes several calls' events in one transaction (or one statement, when none can count towards a
 * threshold). Each call's Idempotency-Key is claimed in the same transaction; a key seen before, or
 * twice in this flush, answers what its first call answered and writes nothing.
 */
async function writeEventJobs(db: Database, actor: Actor, settings: EventSettings, jobs: EventJob[]): Promise<IngestResult[]> {
  const all = jobs.flatMap((j) => j.events);
  // Writers link events in place (NormalizedEvent.incidentId): a flush retried alone after a failed
  // one (group-commit.ts) must start from no links.
  for (const e of all) e.incidentId = null;
  const byKey = byGroupKey(all);
  if (!jobs.some((j) => j.idempotencyKey) && (await tryPlainInsert(db, actor, all, byKey))) {
    return jobs.map((j) => ({ accepted: j.events.length, incidents: [] }));
  }
  const ws = actor.workspaceId;
  const { results, published } = await db.transaction(async (tx) => {
    // Claims and the first look at the windows go out together (one round trip, pipelined).
    const [batch, seen] = await Promise.all([
      claimBatch(tx, ws, jobs.map((j) => (j.idempotencyKey ? [{ scope: "events", key: j.idempotencyKey }] : []))),
      readWindows(tx, ws, [...byKey.keys()]),
    ]);
    const results: IngestResult[] = new Array(jobs.length);
    const writing: number[] = [];
    jobs.forEach((j, i) => {
      if (batch.repeatOf.has(i)) return;
      if (batch.stored.has(i)) results[i] = (batch.stored.get(i) ?? noResult) as IngestResult;
      else writing.push(i);
    });
    const written = await writeEvents(tx, actor, settings, writing.map((i) => jobs[i].events), {
      seen,
      byKey: writing.length === jobs.length ? byKey : undefined,
      alsoWrite: (answers) => {
        writing.forEach((i, n) => (results[i] = answers[n]));
        for (const [i, first] of batch.repeatOf) results[i] = results[first];
        return batch.store((i) => results[i]);
      },
    });
    return { results, published: written.published };
  });
  await publishAll(actor, published);
  return results;
}

/** Stamps ids and the clock on validated events (at submit time, so a queued call keeps its own clock). */
function normalize(parsed: ParsedEvent[], options: IngestOptions): NormalizedEvent[] {
  const now = options.now ?? new Date();
  const source = options.source ?? "generic";
  return parsed.map((e) => ({
    id: uuidv7(),
    service: e.service,
    level: e.level,
    message: e.message,
    timestamp: e.timestamp ?? now,
    fingerprint: e.fingerprint ?? null,
    dedupKey: e.dedup_key ?? null,
    attributes: e.attributes ?? {},
    source,
    raw: null,
    incidentId: null,
  }));
}

function byGroupKey(normalized: NormalizedEvent[]): Map<string, NormalizedEvent[]> {
  const byKey = new Map<string, NormalizedEvent[]>();
  for (const e of normalized) {
    const k = groupKey(e);
    const list = byKey.get(k);
    if (list) list.push(e);
    else byKey.set(k, [e]);
  }
  return byKey;
}

function qualifyingFor(ruleFor: (service: string) => EffectiveRule) {
  return (batch: NormalizedEvent[]) => {
    const rule = ruleFor(batch[0].service);
    const minRank = levelRank(rule.minLevel);
    return rule.enabled ? batch.filter((e) => levelRank(e.level) >= minRank) : [];
  };
}

/**
 * The common case needs no transaction: events of keys with no open incident that cannot count
 * towards a threshold (INFO logs of a healthy service) are one INSERT. Returns false, having written
 * nothing, when anything needs the transaction.
 */
async function tryPlainInsert(db: Database, actor: Actor, normalized: NormalizedEvent[], byKey: Map<string, NormalizedEvent[]>): Promise<boolean> {
  if (normalized.length > INSERT_CHUNK) return false;
  const qualifyingOf = qualifyingFor(await loadRules(db, actor.workspaceId));
  for (const batch of byKey.values()) if (qualifyingOf(batch).length > 0) return false;
  // One statement: the open-incident check and the insert (nothing is written when a key has one).
  return insertEventsUnlessOpen(db, actor.workspaceId, [...byKey.keys()], normalized);
}

/**
 * The decisions for one flush: every call's events are grouped by key across calls, so a key is
 * looked at (and, when a threshold may be crossed, locked) once per flush however many calls
 * touched it. Returns each call's answer, in order.
 */
async function writeEvents(
  tx: Database,
  actor: Actor,
  settings: EventSettings,
  calls: NormalizedEvent[][],
  options: {
    /** The windows of (at least) these calls' keys, read without locks. */
    seen: WindowsAndOpen;
    /** These calls' events by grouping key, when the caller has it already. */
    byKey?: Map<string, NormalizedEvent[]>;
    /** More writes that need the answers, sent with this flush's last statements. */
    alsoWrite?: (results: IngestResult[]) => Promise<void>;
  },
): Promise<{ results: IngestResult[]; published: RealtimeEvent[] }> {
  const { source } = settings;
  const ws = actor.workspaceId;
  const normalized = calls.flat();
  const byKey = options.byKey ?? byGroupKey(normalized);
  const ruleFor = await loadRules(tx, ws);
  const qualifyingOf = qualifyingFor(ruleFor);

  const attached = new Map<string, { number: number; events: NormalizedEvent[] }>();
  const created = new Map<string, IngestedIncident>();
  const published: RealtimeEvent[] = [];
  const windowUpdates: WindowUpdate[] = [];
  const attach = (incident: OpenIncident, batch: NormalizedEvent[]) => {
    for (const e of batch) e.incidentId = incident.id;
    const a = attached.get(incident.id);
    if (a) a.events.push(...batch);
    else attached.set(incident.id, { number: incident.number, events: [...batch] });
  };

  // First a look without locks: events of a key with an open incident just attach to it, and
  // events that cannot count towards a threshold need no decision. Only keys where a threshold
  // may be crossed are locked, so concurrent writers of busy services do not queue on each other.
  const keys = [...byKey.keys()].sort();
  const { windows: seen, open: seenOpen } = options.seen;
  const toDecide: string[] = [];
  for (const k of keys) {
    const w = seen.get(k);
    const current = w?.openIncidentId ? seenOpen.get(w.openIncidentId) : undefined;
    if (current) attach(current, byKey.get(k)!);
    else if (qualifyingOf(byKey.get(k)!).length > 0) toDecide.push(k);
  }
  const { windows, open } = await lockWindows(tx, ws, toDecide);

  for (const k of toDecide) {
    const batch = byKey.get(k)!;
    const w = windows.get(k)!;
    const current = w.openIncidentId ? open.get(w.openIncidentId) : undefined;
    if (current) {
      // Opened by a concurrent writer since the first look.
      attach(current, batch);
      continue;
    }
    const rule = ruleFor(batch[0].service);
    const minRank = levelRank(rule.minLevel);
    const qualifying = qualifyingOf(batch);
    // The window's incident was resolved: counting starts again from an empty window.
    const previous = w.openIncidentId ? [] : w.pending;
    const verdict = evaluateWindow(
      previous,
      qualifying.map((e) => ({ id: e.id, ts: e.timestamp.getTime(), rank: levelRank(e.level) })),
      { minCount: rule.minCount, windowMs: rule.windowMs },
    );
    if (!verdict.fired) {
      windowUpdates.push({ key: k, openIncidentId: null, pending: verdict.pending, maxTs: verdict.maxTs });
      continue;
    }
    const batchIds = new Set(batch.map((e) => e.id));
    const earlier = verdict.pending.filter((p) => !batchIds.has(p.id));
    const worstRank = Math.max(...verdict.pending.map((p) => p.rank ?? minRank));
    const worst = eventLevels[Math.min(worstRank, eventLevels.length - 1)];
    const span = timeSpan([...batch, ...earlier.map((p) => ({ timestamp: new Date(p.ts) }))]);
    const latest = qualifying.reduce((a, b) => (b.timestamp >= a.timestamp ? b : a));
    const service = batch[0].service;
    const count = verdict.pending.length;
    const minutes = Math.round(rule.windowMs / 6_000) / 10;
    const draft = createIncidentSchema.parse({
      title: truncate(`${service}: ${latest.message}`, 200),
      description: truncate(
        `${count} events at ${rule.minLevel} or above within ${minutes} min on ${service} (worst: ${worst}). Latest: ${latest.message}`,
        10_000,
      ),
      service,
      severity: rule.severity ?? severityForLevel(worst),
      incidentType: settings.incidentType,
      generatedBy: "intake",
      metadata: {
        intake: { key: k, source, rule: { minCount: rule.minCount, windowSeconds: rule.windowMs / 1000, minLevel: rule.minLevel } },
        ...(latest.fingerprint ? { fingerprint: latest.fingerprint } : {}),
      },
    });
    const incident = await insertIncident(tx, actor, {
      ...draft,
      source,
      fingerprint: k,
      eventCount: earlier.length + batch.length,
      firstEventAt: span.first,
      lastEventAt: span.last,
    });
    await linkPendingEvents(tx, ws, incident.id, earlier.map((p) => p.id));
    for (const e of batch) e.incidentId = incident.id;
    windowUpdates.push({ key: k, openIncidentId: incident.id, pending: [], maxTs: verdict.maxTs });
    created.set(incident.id, { id: incident.id, number: incident.number, status: "created" });
    published.push({ type: "incident.created", incidentId: incident.id, number: incident.number, version: incident.version });
  }

  // Each call hears of the incidents its own events went to; an incident opened in this flush is
  // "created" for the first call that fed it and "attached" for the others.
  const announced = new Set<string>();
  const results = calls.map((events) => {
    const mine = new Set<string>();
    for (const e of events) {
      if (e.incidentId) mine.add(e.incidentId);
    }
    const incidents: IngestedIncident[] = [];
    for (const id of mine) {
      const c = created.get(id);
      if (c && !announced.has(id)) {
        announced.add(id);
        incidents.unshift(c);
      } else {
        incidents.push({ id, number: c?.number ?? attached.get(id)!.number, status: "attached" });
      }
    }
    return { accepted: events.length, incidents };
  });

  // The last statements go out together (pipelined); the incident rows are locked last, so they
  // stay locked only for the commit.
  const [, , counts] = await Promise.all([
    insertEvents(tx, ws, normalized),
    saveWindows(tx, ws, windowUpdates),
    bumpIncidentsEvents(
      tx,
      ws,
      [...attached].map(([incidentId, a]) => ({ incidentId, count: a.events.length, ...timeSpan(a.events) })),
    ),
    options.alsoWrite?.(results),
  ]);
  // An incident deleted since the first look (events carry no foreign key): its events stay unlinked.
  const gone = [...attached.keys()].filter((id) => !counts.has(id));
  if (gone.length > 0) {
    await unlinkEvents(tx, ws, gone);
    for (const r of results) r.incidents = r.incidents.filter((i) => !gone.includes(i.id));
  }
  for (const [incidentId] of attached) if (counts.has(incidentId)) published.push({ type: "incident.events", incidentId, eventCount: counts.get(incidentId)! });
  return { results, published };
}
