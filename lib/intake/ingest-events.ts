import { randomUUID } from "node:crypto";
import type { Database } from "@/db/client";
import type { IncidentType } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { AppError, type FieldIssue } from "@/lib/errors";
import { createIncidentSchema } from "@/lib/incidents/schemas";
import { insertIncident } from "@/lib/incidents/create-incident";
import { logger } from "@/lib/logger";
import { publish } from "@/lib/realtime/publish";
import type { RealtimeEvent } from "@/lib/realtime/events";
import { toResult, zodIssues, type Result } from "@/lib/result";
import { claimIdempotency, storeIdempotentResponse } from "./idempotency";
import { levelRank, severityForLevel } from "./levels";
import {
  bumpIncidentsEvents,
  insertEvents,
  insertEventsUnlessOpen,
  linkPendingEvents,
  loadOpenIncidents,
  lockWindows,
  readWindows,
  saveWindows,
  timeSpan,
  truncate,
  type NormalizedEvent,
  type OpenIncident,
  type WindowUpdate,
} from "./pipeline";
import { loadRules, type EffectiveRule } from "./rules";
import { MAX_BATCH, eventInputSchema, type ParsedEvent } from "./schemas";
import { evaluateWindow } from "./threshold";
import { eventLevels } from "@/db/schema";

const log = logger("intake");

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

/**
 * Ingests log-style events: writes them, attaches them to the open incident of their service (or
 * fingerprint), and opens exactly one incident when a rule's threshold is crossed — by the events'
 * own timestamps, evaluated on the key's small window row, never by scanning `events`.
 */
export async function ingestEvents(db: Database, actor: Actor, input: unknown, options: IngestOptions = {}): Promise<Result<IngestResult>> {
  return toResult(
    async () => {
      assertCan(actor, "event:ingest");
      const parsed = parseEvents(input);
      const key = options.idempotencyKey?.trim();
      if (!key) {
        const plain = await tryPlainInsert(db, actor, parsed, options);
        if (plain) return plain;
      }
      const { result, published } = await db.transaction(async (tx) => {
        if (key) {
          const claim = await claimIdempotency(tx, actor.workspaceId, "events", key);
          if (!claim.claimed) return { result: (claim.response ?? { accepted: 0, incidents: [] }) as IngestResult, published: [] };
        }
        const out = await writeEvents(tx, actor, parsed, options);
        if (key) await storeIdempotentResponse(tx, actor.workspaceId, "events", key, out.result);
        return out;
      });
      for (const event of published) await publish(actor, event);
      return result;
    },
    (e) => log.error({ err: e }, "ingestEvents failed"),
  );
}

function prepare(parsed: ParsedEvent[], options: IngestOptions): { normalized: NormalizedEvent[]; byKey: Map<string, NormalizedEvent[]> } {
  const now = options.now ?? new Date();
  const source = options.source ?? "generic";
  const normalized: NormalizedEvent[] = parsed.map((e) => ({
    id: randomUUID(),
    service: e.service,
    level: e.level,
    message: e.message,
    timestamp: e.timestamp ?? now,
    fingerprint: e.fingerprint ?? null,
    dedupKey: e.dedup_key ?? null,
    attributes: e.attributes ?? {},
    source,
    raw: null,
  }));
  const byKey = new Map<string, NormalizedEvent[]>();
  for (const e of normalized) {
    const k = groupKey(e);
    const list = byKey.get(k);
    if (list) list.push(e);
    else byKey.set(k, [e]);
  }
  return { normalized, byKey };
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
 * towards a threshold (INFO logs of a healthy service) are one INSERT. Anything else returns null
 * and goes through the transaction.
 */
async function tryPlainInsert(db: Database, actor: Actor, parsed: ParsedEvent[], options: IngestOptions): Promise<IngestResult | null> {
  const { normalized, byKey } = prepare(parsed, options);
  const qualifyingOf = qualifyingFor(await loadRules(db, actor.workspaceId));
  for (const batch of byKey.values()) if (qualifyingOf(batch).length > 0) return null;
  // One statement: the open-incident check and the insert (nothing is written when a key has one).
  const written = await insertEventsUnlessOpen(db, actor.workspaceId, [...byKey.keys()], normalized.map((e) => ({ ...e, incidentId: null })));
  return written ? { accepted: normalized.length, incidents: [] } : null;
}

async function writeEvents(
  tx: Database,
  actor: Actor,
  parsed: ParsedEvent[],
  options: IngestOptions,
): Promise<{ result: IngestResult; published: RealtimeEvent[] }> {
  const source = options.source ?? "generic";
  const ws = actor.workspaceId;
  const { normalized, byKey } = prepare(parsed, options);
  const ruleFor = await loadRules(tx, ws);
  const qualifyingOf = qualifyingFor(ruleFor);

  const linkTo = new Map<string, string>();
  const attached = new Map<string, { number: number; events: NormalizedEvent[] }>();
  const created: IngestedIncident[] = [];
  const published: RealtimeEvent[] = [];
  const windowUpdates: WindowUpdate[] = [];
  const attach = (incident: OpenIncident, batch: NormalizedEvent[]) => {
    for (const e of batch) linkTo.set(e.id, incident.id);
    const a = attached.get(incident.id);
    if (a) a.events.push(...batch);
    else attached.set(incident.id, { number: incident.number, events: [...batch] });
  };

  // First a look without locks: events of a key with an open incident just attach to it, and
  // events that cannot count towards a threshold need no decision. Only keys where a threshold
  // may be crossed are locked, so concurrent writers of busy services do not queue on each other.
  const keys = [...byKey.keys()].sort();
  const { windows: seen, open: seenOpen } = await readWindows(tx, ws, keys);
  const toDecide: string[] = [];
  for (const k of keys) {
    const w = seen.get(k);
    const current = w?.openIncidentId ? seenOpen.get(w.openIncidentId) : undefined;
    if (current) attach(current, byKey.get(k)!);
    else if (qualifyingOf(byKey.get(k)!).length > 0) toDecide.push(k);
  }
  const windows = await lockWindows(tx, ws, toDecide);
  const open = await loadOpenIncidents(tx, ws, windows.values());

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
      incidentType: options.incidentType ?? "real",
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
    for (const e of batch) linkTo.set(e.id, incident.id);
    windowUpdates.push({ key: k, openIncidentId: incident.id, pending: [], maxTs: verdict.maxTs });
    created.push({ id: incident.id, number: incident.number, status: "created" });
    published.push({ type: "incident.created", incidentId: incident.id, number: incident.number, version: incident.version });
  }

  await insertEvents(
    tx,
    ws,
    normalized.map((e) => ({ ...e, incidentId: linkTo.get(e.id) ?? null })),
  );
  await saveWindows(tx, ws, windowUpdates);
  // Last, so the incident rows stay locked only for the commit.
  const incidentsOut: IngestedIncident[] = [...created];
  const counts = await bumpIncidentsEvents(
    tx,
    ws,
    [...attached].map(([incidentId, a]) => ({ incidentId, count: a.events.length, ...timeSpan(a.events) })),
  );
  for (const [incidentId, a] of attached) {
    incidentsOut.push({ id: incidentId, number: a.number, status: "attached" });
    published.push({ type: "incident.events", incidentId, eventCount: counts.get(incidentId) ?? 0 });
  }
  return { result: { accepted: normalized.length, incidents: incidentsOut }, published };
}
