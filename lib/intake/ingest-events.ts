import { uuidv7 } from "@/lib/uuidv7";
import type { Database } from "@/db/client";
import type { IncidentType } from "@/db/schema";
import type { Actor } from "@/lib/auth/shared";
import { assertCan } from "@/lib/auth";
import { AppError, type FieldIssue } from "@/lib/errors";
import { insertIncident } from "@/lib/incidents";
import { publishAll } from "@/lib/realtime";
import type { RealtimeEvent } from "@/lib/realtime/shared";
import { toResult, zodIssues, type Result } from "@/lib/result";
import { bodyHash, claimBatch, idempotencyConflict } from "./idempotency";
import { groupCommitPerHandle } from "./group-commit";
import { levelRank, severityForLevel } from "./levels";
import {
  incidentDraft,
  bumpIncidentsEvents,
  incidentService,
  incidentTitle,
  insertEvents,
  insertEventsUnlessOpen,
  INSERT_CHUNK,
  linkPendingEvents,
  unlinkEvents,
  lockWindows,
  openIncidentsOfServices,
  readWindows,
  saveWindows,
  timeSpan,
  truncate,
  type NormalizedEvent,
  type OpenIncident,
  type WindowUpdate,
  type WindowsAndOpen,
} from "./write-path";
import { loadRules, type EffectiveRule } from "./rules";
import { MAX_BATCH, eventInputSchema, type ParsedEvent } from "./schemas";
import { firstCrossing } from "./threshold";
import { eventLevels, type PendingEntry } from "@/db/schema";
import { loadSuppressions, type SuppressedBy } from "@/lib/alerts";
import { heldEvents, writeHeldEvents } from "./suppressed";

export type IngestedIncident = { id: string; number: number; status: "created" | "attached" };
/** `suppressed`: events a silence or maintenance window held (recorded, linked to nothing). */
export type IngestResult = { accepted: number; incidents: IngestedIncident[]; suppressed?: number };
export type IngestOptions = {
  /** The Idempotency-Key header: a retry within 24 h returns the first answer and writes nothing. */
  idempotencyKey?: string;
  /** Recorded on events and incidents (default "generic"; the simulator passes "simulator"). */
  source?: string;
  /** Type of incidents this call opens (the simulator opens synthetic ones). */
  incidentType?: IncidentType;
  /** Clock for events without a timestamp (tests and the simulator inject it). */
  now?: Date;
  /**
   * true when `db` is the app's database handle (not a caller's transaction): concurrent calls of one
   * caller are then written together (group-commit.ts). The HTTP intake handler sets it.
   */
  coalesce?: boolean;
  /** The body as received, when there is one (its hash goes with the Idempotency-Key). */
  bodyText?: string;
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
type EventJob = { events: NormalizedEvent[]; idempotencyKey?: string; bodyHash?: string };
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
 * its own answer, when the caller asks for it with `coalesce: true`; otherwise (inside a caller's
 * transaction, for instance) the call is written alone.
 */
export async function ingestEvents(db: Database, actor: Actor, input: unknown, options: IngestOptions = {}): Promise<Result<IngestResult>> {
  return toResult({ op: "intake.ingestEvents", actor },
    async () => {
      assertCan(actor, "event:ingest");
      const idempotencyKey = options.idempotencyKey?.trim() || undefined;
      const job: EventJob = {
        events: normalize(parseEvents(input), options),
        idempotencyKey,
        // The body the key is claimed for: the same key with another body is refused, not dropped.
        bodyHash: idempotencyKey ? bodyHash(options.bodyText ?? JSON.stringify(input)) : undefined,
      };
      const settings: EventSettings = { source: options.source ?? "generic", incidentType: options.incidentType ?? "real" };
      if (!options.coalesce) return (await writeEventJobs(db, actor, settings, [job]))[0];
      const key = `${actor.workspaceId}|${actor.kind}:${actor.id ?? ""}|${settings.source}|${settings.incidentType}`;
      return eventCommits(db).submit(key, { actor, settings, job }, job.events.length);
    },
  );
}

const noResult: IngestResult = { accepted: 0, incidents: [] };

/**
 * Writes several calls' events in one transaction (or one statement, when none can count towards a
 * threshold). Each call's Idempotency-Key is claimed in the same transaction; a key seen before, or
 * twice in this flush, answers what its first call answered and writes nothing. A key reused with
 * another body is a 422 for that call (the flush fails and group-commit.ts retries each call alone,
 * so only that call hears of it).
 */
async function writeEventJobs(db: Database, actor: Actor, settings: EventSettings, jobs: EventJob[]): Promise<IngestResult[]> {
  const all = jobs.flatMap((j) => j.events);
  // Writers link events in place (NormalizedEvent.incidentId): a flush retried alone after a failed
  // one (group-commit.ts) must start from no links.
  for (const e of all) e.incidentId = null;
  // Events a silence or maintenance window holds (lib/alerts; production's only) are recorded
  // unlinked and decide nothing: they neither count, attach nor open.
  const held = settings.incidentType === "real" ? heldEvents(await loadSuppressions(db, actor.workspaceId), all) : new Map<string, SuppressedBy>();
  const kept = held.size === 0 ? all : all.filter((e) => !held.has(e.id));
  const keptOf = (j: EventJob) => (held.size === 0 ? j.events : j.events.filter((e) => !held.has(e.id)));
  const byKey = byGroupKey(kept);
  // The service rule is production's: a drill's events (training, synthetic) stay with their run's incident.
  const services = settings.incidentType === "real" ? [...new Set(kept.map((e) => e.service))] : [];
  if (held.size === 0 && !jobs.some((j) => j.idempotencyKey) && (await tryPlainInsert(db, actor, all, byKey, services))) {
    return jobs.map((j) => ({ accepted: j.events.length, incidents: [] }));
  }
  const ws = actor.workspaceId;
  const { results, published } = await db.transaction(async (tx) => {
    // Claims and the first look at the windows go out together (one round trip, pipelined).
    const [batch, seen] = await Promise.all([
      claimBatch(tx, ws, jobs.map((j) => (j.idempotencyKey ? [{ scope: "events", key: j.idempotencyKey, bodyHash: j.bodyHash }] : []))),
      readWindows(tx, ws, [...byKey.keys()]),
    ]);
    // The services' open incidents matter only for keys without one of their own: in the steady
    // state (every busy key attached) this look is skipped.
    const unattached = new Set<string>();
    if (services.length > 0) {
      for (const [k, list] of byKey) {
        const w = seen.windows.get(k);
        if (w?.openIncidentId && seen.open.has(w.openIncidentId)) continue;
        for (const e of list) unattached.add(e.service);
      }
    }
    const serviceOpen = await openIncidentsOfServices(tx, ws, [...unattached]);
    const conflict = batch.conflicts.values().next();
    if (!conflict.done) throw idempotencyConflict(conflict.value);
    const results: IngestResult[] = new Array(jobs.length);
    const writing: number[] = [];
    jobs.forEach((j, i) => {
      if (batch.repeatOf.has(i)) return;
      if (batch.stored.has(i)) results[i] = (batch.stored.get(i) ?? noResult) as IngestResult;
      else writing.push(i);
    });
    const heldHere = held.size === 0 ? [] : writing.flatMap((i) => jobs[i].events.filter((e) => held.has(e.id)));
    const [written] = await Promise.all([
      writeEvents(tx, actor, settings, writing.map((i) => keptOf(jobs[i])), {
      seen,
      serviceOpen,
      byKey: writing.length === jobs.length ? byKey : undefined,
      alsoWrite: (answers) => {
        writing.forEach((i, n) => {
          const suppressed = jobs[i].events.length - answers[n].accepted;
          results[i] = suppressed > 0 ? { ...answers[n], accepted: jobs[i].events.length, suppressed } : answers[n];
        });
        for (const [i, first] of batch.repeatOf) results[i] = results[first];
        return batch.store((i) => results[i]);
      },
      }),
      writeHeldEvents(tx, ws, heldHere, held),
    ]);
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
 * The common case needs no transaction: events of keys and services with no open incident that
 * cannot count towards a threshold (INFO logs of a healthy service) are one INSERT. Returns false,
 * having written nothing, when anything needs the transaction.
 */
async function tryPlainInsert(
  db: Database,
  actor: Actor,
  normalized: NormalizedEvent[],
  byKey: Map<string, NormalizedEvent[]>,
  services: string[],
): Promise<boolean> {
  if (normalized.length > INSERT_CHUNK) return false;
  const qualifyingOf = qualifyingFor(await loadRules(db, actor.workspaceId));
  for (const batch of byKey.values()) if (qualifyingOf(batch).length > 0) return false;
  // One statement: the open-incident check and the insert (nothing is written when there is one).
  return insertEventsUnlessOpen(db, actor.workspaceId, [...byKey.keys()], services, normalized);
}

const serviceKey = (service: string) => `svc:${service}`;

/**
 * The decisions for one flush: every call's events are grouped by key across calls, so a key is
 * looked at (and, when a threshold may be crossed, locked) once per flush however many calls
 * touched it. Returns each call's answer, in order.
 *
 * Where an event goes: to its key's open incident; else to its service's open incident, whoever
 * opened it (a person, another key, an alert group), unless that incident opted out of intake;
 * else it counts towards its key's threshold. When a key crosses it, the incident is linked to the
 * events that counted and to the key's events that arrived after the crossing event (in request
 * order, then array order), never to earlier events that did not count: how a stream of events is
 * cut into requests does not change what is linked. Opening takes the service's window lock too,
 * and looks for an open incident of the service again under it, so two keys of one service crossing
 * at once open one incident.
 */
async function writeEvents(
  tx: Database,
  actor: Actor,
  settings: EventSettings,
  calls: NormalizedEvent[][],
  options: {
    /** The windows of (at least) these calls' keys, read without locks. */
    seen: WindowsAndOpen;
    /** The open incidents of (at least) these calls' services, read without locks. */
    serviceOpen: Map<string, OpenIncident>;
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
    if (batch.length === 0) return;
    for (const e of batch) e.incidentId = incident.id;
    const a = attached.get(incident.id);
    if (a) a.events.push(...batch);
    else attached.set(incident.id, { number: incident.number, events: [...batch] });
  };

  // First a look without locks: events of a key or service with an open incident just attach to
  // it, and events that cannot count towards a threshold need no decision. Only keys where a
  // threshold may be crossed are locked, so concurrent writers of busy services do not queue on
  // each other.
  const keys = [...byKey.keys()].sort();
  const { windows: seen, open: seenOpen } = options.seen;
  const toDecide: string[] = [];
  const undecided = new Map<string, NormalizedEvent[]>();
  for (const k of keys) {
    const batch = byKey.get(k)!;
    const w = seen.get(k);
    const current = w?.openIncidentId ? seenOpen.get(w.openIncidentId) : undefined;
    if (current) {
      attach(current, batch);
      continue;
    }
    const left: NormalizedEvent[] = [];
    for (const e of batch) {
      const ofService = options.serviceOpen.get(e.service);
      if (ofService) attach(ofService, [e]);
      else left.push(e);
    }
    if (left.length === 0) continue;
    undecided.set(k, left);
    if (qualifyingOf(left).length > 0) toDecide.push(k);
  }
  // The keys that may cross, and their services' windows (the lock that serialises openers of a service).
  const serviceKeys = settings.incidentType === "real" ? new Set(toDecide.flatMap((k) => undecided.get(k)!.map((e) => serviceKey(e.service)))) : [];
  const { windows, open } = await lockWindows(tx, ws, [...toDecide, ...serviceKeys]);

  type Fired = { key: string; batch: NormalizedEvent[]; crossAt: number; counted: PendingEntry[]; maxTs: number; rule: EffectiveRule };
  const fired: Fired[] = [];
  for (const k of toDecide) {
    const batch = undecided.get(k)!;
    const w = windows.get(k)!;
    const current = w.openIncidentId ? open.get(w.openIncidentId) : undefined;
    if (current) {
      // Opened by a concurrent writer since the first look.
      attach(current, batch);
      continue;
    }
    const rule = ruleFor(batch[0].service);
    const minRank = levelRank(rule.minLevel);
    const positions: number[] = [];
    const entries: PendingEntry[] = [];
    batch.forEach((e, i) => {
      const rank = levelRank(e.level);
      if (!rule.enabled || rank < minRank) return;
      positions.push(i);
      entries.push({ id: e.id, ts: e.timestamp.getTime(), rank });
    });
    // The window's incident was resolved: counting starts again from an empty window.
    const previous = w.openIncidentId ? [] : w.pending;
    const crossing = firstCrossing(previous, entries, { minCount: rule.minCount, windowMs: rule.windowMs });
    if (!crossing.fired) windowUpdates.push({ key: k, openIncidentId: null, pending: crossing.pending, maxTs: crossing.maxTs });
    else fired.push({ key: k, batch, crossAt: positions[crossing.at], counted: crossing.counted, maxTs: crossing.maxTs, rule });
  }

  if (fired.length > 0) {
    // Under the services' locks: an incident a person (or another key) opened for the service since
    // the first look takes these events instead of a second incident.
    const ofServices =
      settings.incidentType === "real" ? await openIncidentsOfServices(tx, ws, [...new Set(fired.map((f) => f.batch[f.crossAt].service))]) : new Map<string, OpenIncident>();
    for (const f of fired) {
      const { key: k, batch, crossAt, counted, rule } = f;
      const service = batch[crossAt].service;
      const existing = ofServices.get(service);
      if (existing) {
        attach(existing, batch);
        windowUpdates.push({ key: k, openIncidentId: existing.id, pending: [], maxTs: f.maxTs });
        continue;
      }
      const countedIds = new Set(counted.map((p) => p.id));
      const linked = batch.filter((e, i) => i > crossAt || countedIds.has(e.id));
      const inBatch = new Set(batch.map((e) => e.id));
      const earlier = counted.filter((p) => !inBatch.has(p.id));
      const minRank = levelRank(rule.minLevel);
      const worstRank = Math.max(...counted.map((p) => p.rank ?? minRank));
      const worst = eventLevels[Math.min(worstRank, eventLevels.length - 1)];
      const span = timeSpan([...linked, ...earlier.map((p) => ({ timestamp: new Date(p.ts) }))]);
      const countedHere = batch.filter((e) => countedIds.has(e.id));
      const latest = countedHere.reduce((a, b) => (b.timestamp >= a.timestamp ? b : a), batch[crossAt]);
      const count = counted.length;
      const minutes = Math.round(rule.windowMs / 6_000) / 10;
      const draft = incidentDraft({
        title: incidentTitle(`${service}: ${latest.message}`, "intake threshold crossed"),
        description: truncate(
          `${count} events at ${rule.minLevel} or above within ${minutes} min on ${service} (worst: ${worst}). Latest: ${latest.message}`,
          10_000,
        ),
        service: incidentService(service),
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
        eventCount: earlier.length + linked.length,
        firstEventAt: span.first,
        lastEventAt: span.last,
      });
      await linkPendingEvents(tx, ws, incident.id, earlier.map((p) => p.id));
      for (const e of linked) e.incidentId = incident.id;
      windowUpdates.push({ key: k, openIncidentId: incident.id, pending: [], maxTs: f.maxTs });
      // Other keys of this service that cross later in this flush join it (production's only).
      if (settings.incidentType === "real") ofServices.set(service, { id: incident.id, number: incident.number, status: incident.status, version: incident.version, fingerprint: k });
      created.set(incident.id, { id: incident.id, number: incident.number, status: "created" });
      published.push({ type: "incident.created", incidentId: incident.id, number: incident.number, version: incident.version });
    }
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
