import { z } from "zod";

/**
 * The string and time rules every input that reaches the database shares: intake (events,
 * Alertmanager, Grafana, PagerDuty) and the REST incident API.
 *
 * Strings: U+0000 (NUL) and unpaired UTF-16 surrogates are **rejected** with the field named, never
 * replaced. PostgreSQL cannot store NUL in text or JSON at all, and a lone surrogate is not valid
 * Unicode; silently replacing them would change fingerprints, dedup keys and label values behind
 * the sender's back (two different keys could collide). The sender gets a 4xx naming the field and
 * the body stays in the dead letters.
 *
 * Times: real calendar dates only (2026-02-30 is refused, not rolled over to 2 March), ISO 8601 with
 * an optional offset (none means UTC) or epoch seconds/milliseconds, between TIME_MIN and a day after
 * the server's clock.
 */

/** Earliest time an event or alert may carry. Earlier ones are a sender's bug (an unset clock, epoch 0). */
export const TIME_MIN_MS = Date.UTC(2000, 0, 1);
/** Times more than this ahead of the server's clock are a sender's bug, not an event. */
export const MAX_FUTURE_MS = 24 * 60 * 60 * 1000;
/** Largest time any stored timestamp may hold (PostgreSQL reaches further; ISO 8601 years have 4 digits). */
export const TIME_STORABLE_MAX_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
/** Smallest stored time (year 1: PostgreSQL reaches back to 4713 BC, but nothing we keep is older). */
export const TIME_STORABLE_MIN_MS = new Date(0).setUTCFullYear(1, 0, 1);

export const NUL_MESSAGE = "must not contain the NUL character (U+0000)";
export const SURROGATE_MESSAGE = "must not contain an unpaired UTF-16 surrogate (invalid Unicode)";

/** Why `s` cannot be stored as text, or null when it can. Two native scans: cheap enough for every label. */
export function badCharacter(s: string): string | null {
  if (s.includes("\u0000")) return NUL_MESSAGE;
  if (!s.isWellFormed()) return SURROGATE_MESSAGE;
  return null;
}

/** `s` made storable for diagnostics (dead-letter reasons, issue paths): NUL and lone surrogates become U+FFFD. */
export function storable(s: string): string {
  return s.toWellFormed().replaceAll("\u0000", "\uFFFD");
}

/** A string that can be stored: no NUL, no lone surrogate. */
export const safeString = (error?: string) =>
  z.string(error ? { error } : undefined).superRefine((s, ctx) => {
    const bad = badCharacter(s);
    if (bad) ctx.addIssue({ code: "custom", message: bad });
  });

/**
 * A trimmed, storable string of at most `max` characters (and at least `min` after trimming, when
 * given: "is required" for 1). Zod counts characters as code points (an emoji is one).
 */
export function safeText(max: number, options: { min?: number; minMessage?: string } = {}) {
  let s = z.string().trim().max(max, `must be at most ${max} characters`);
  if (options.min) s = s.min(options.min, options.minMessage ?? (options.min === 1 ? "is required" : `must be at least ${options.min} characters`));
  return s.superRefine((v, ctx) => {
    const bad = badCharacter(v);
    if (bad) ctx.addIssue({ code: "custom", message: bad });
  });
}

/**
 * The first string (value or object key) in a JSON value that cannot be stored, with its path, or
 * null. Deeper than `maxDepth` is refused too: PostgreSQL's JSON parser has a depth limit, and
 * nobody means to send that.
 */
export function findBadString(value: unknown, maxDepth = 64): { path: (string | number)[]; message: string } | null {
  const walk = (v: unknown, path: (string | number)[], depth: number): { path: (string | number)[]; message: string } | null => {
    if (typeof v === "string") {
      const bad = badCharacter(v);
      return bad ? { path, message: bad } : null;
    }
    if (v === null || typeof v !== "object") return null;
    if (depth > maxDepth) return { path, message: `must not nest deeper than ${maxDepth} levels` };
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const r = walk(v[i], [...path, i], depth + 1);
        if (r) return r;
      }
      return null;
    }
    for (const k in v) {
      const badKey = badCharacter(k);
      if (badKey) return { path: [...path, storable(k)], message: `has a key that ${badKey}` };
      const r = walk((v as Record<string, unknown>)[k], [...path, k], depth + 1);
      if (r) return r;
    }
    return null;
  };
  return walk(value, [], 0);
}

/** Adds an issue for the first unstorable string inside `value` (free-form JSON: attributes, metadata…). */
export function checkJsonStrings(value: unknown, ctx: z.RefinementCtx): void {
  const bad = findBadString(value);
  if (bad) ctx.addIssue({ code: "custom", message: bad.message, path: bad.path });
}

/** UTF-8 size of a value's JSON. */
export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? "", "utf8");
}

// ---------------------------------------------------------------------------------------------
// Times

const ISO = /^([+-]\d{6}|\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** Days of a month (1–12) of a year, proleptic Gregorian (Date.UTC would read years 0–99 as 1900–1999). */
function daysInMonth(year: number, month: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month, 0);
  return d.getUTCDate();
}

/**
 * Epoch milliseconds of an ISO 8601 / RFC 3339 time whose every field is real (month 1–12, a day
 * that month has, hour 0–23, minute and second 0–59; nanoseconds are cut to milliseconds), or an
 * error message. No offset means UTC; a date alone is its midnight UTC.
 */
export function parseIsoTime(text: string): number | string {
  // Senders repeat the same times (an alert's start in every re-notification): remember recent ones.
  const known = parsedTimes.get(text);
  if (known !== undefined) return known;
  const parsed = parseIsoTimeUncached(text);
  if (parsedTimes.size >= 4_096) parsedTimes.clear();
  parsedTimes.set(text, parsed);
  return parsed;
}

const parsedTimes = new Map<string, number | string>();

function parseIsoTimeUncached(text: string): number | string {
  const m = ISO.exec(text.trim());
  if (!m) return "is not an ISO 8601 time (e.g. 2026-11-20T10:02:11Z)";
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12) return "has no such month";
  if (day < 1 || day > daysInMonth(year, month)) return `has no such day (${y}-${mo} has ${daysInMonth(year, month)} days)`;
  const hour = Number(h ?? 0);
  const minute = Number(mi ?? 0);
  const second = Number(s ?? 0);
  if (hour > 23 || minute > 59 || second > 59) return "has no such time of day";
  let offsetMin = 0;
  if (zone && zone !== "Z" && zone !== "z") {
    const zm = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)!;
    const oh = Number(zm[2]);
    const om = Number(zm[3] ?? 0);
    if (oh > 23 || om > 59) return "has no such UTC offset";
    offsetMin = (zm[1] === "-" ? -1 : 1) * (oh * 60 + om);
  }
  const ms = frac ? Number(frac.slice(0, 3).padEnd(3, "0")) : 0;
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  utc.setUTCHours(hour, minute, second, ms);
  return utc.getTime() - offsetMin * 60_000;
}

export type TimeRange = { minMs?: number; maxFutureMs?: number };

/** Whether a time (epoch ms) may be stored at all (cursors, filters: anything that reaches a timestamp column). */
export function isStorableTime(ms: number): boolean {
  return Number.isFinite(ms) && ms >= TIME_STORABLE_MIN_MS && ms <= TIME_STORABLE_MAX_MS;
}

function rangeMessage(ms: number, range: Required<TimeRange>, now: number): string | null {
  if (!isStorableTime(ms)) return "is out of range (years 2000 to 9999)";
  if (ms < range.minMs) return `must not be before ${new Date(range.minMs).toISOString().slice(0, 10)}`;
  if (ms > now + range.maxFutureMs) return range.maxFutureMs === MAX_FUTURE_MS ? "is more than a day in the future" : "is too far in the future";
  return null;
}

/**
 * An event time: ISO 8601 string, or epoch seconds (below 1e11) / milliseconds, within
 * [TIME_MIN, now + 1 day] by default.
 */
export function eventTimeSchema(range: TimeRange = {}) {
  const r = { minMs: range.minMs ?? TIME_MIN_MS, maxFutureMs: range.maxFutureMs ?? MAX_FUTURE_MS };
  return z.union([z.string(), z.number()], { error: "must be an ISO 8601 time or an epoch number" }).transform((v, ctx) => {
    let ms: number;
    if (typeof v === "number") {
      if (!Number.isFinite(v)) {
        ctx.addIssue({ code: "custom", message: "is not a finite epoch number" });
        return z.NEVER;
      }
      ms = Math.abs(v) < 1e11 ? v * 1000 : v;
    } else {
      const parsed = parseIsoTime(v);
      if (typeof parsed === "string") {
        ctx.addIssue({ code: "custom", message: parsed });
        return z.NEVER;
      }
      ms = parsed;
    }
    const bad = rangeMessage(ms, r, Date.now());
    if (bad) {
      ctx.addIssue({ code: "custom", message: bad });
      return z.NEVER;
    }
    return new Date(Math.round(ms));
  });
}

/**
 * An alert time (Alertmanager, Grafana): RFC 3339, where Go's zero time ("0001-01-01T00:00:00Z")
 * and an empty or missing value mean "not set" (a firing alert's end), read as null. Set times must
 * fall in the range (an alert's predicted end, `endsAt` of a firing alert, may lie further ahead:
 * pass a larger maxFutureMs for it).
 */
export function alertTimeSchema(range: TimeRange = {}) {
  const r = { minMs: range.minMs ?? TIME_MIN_MS, maxFutureMs: range.maxFutureMs ?? MAX_FUTURE_MS };
  return z
    .string({ error: "must be an RFC 3339 time" })
    .optional()
    .nullable()
    .transform((v, ctx) => {
      if (!v || v.startsWith("0001-01-01")) return null;
      const parsed = parseIsoTime(v);
      if (typeof parsed === "string") {
        ctx.addIssue({ code: "custom", message: parsed });
        return z.NEVER;
      }
      const bad = rangeMessage(parsed, r, Date.now());
      if (bad) {
        ctx.addIssue({ code: "custom", message: bad });
        return z.NEVER;
      }
      return new Date(parsed);
    });
}

/** An ISO 8601 time string only (no epoch numbers), a real date within the range (PagerDuty's payload.timestamp). */
export function isoTimeSchema(range: TimeRange = {}) {
  const r = { minMs: range.minMs ?? TIME_MIN_MS, maxFutureMs: range.maxFutureMs ?? MAX_FUTURE_MS };
  return z.string({ error: "must be an ISO 8601 time" }).transform((v, ctx) => {
    const parsed = parseIsoTime(v);
    const bad = typeof parsed === "string" ? parsed : rangeMessage(parsed, r, Date.now());
    if (bad) {
      ctx.addIssue({ code: "custom", message: bad });
      return z.NEVER;
    }
    return new Date(parsed as number);
  });
}
