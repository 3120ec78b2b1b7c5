import { formatInTimeZone, fromZonedTime } from "date-fns-tz";
import type { BusinessHours, ScheduleLayer } from "@/db/schema";

/**
 * Rotation arithmetic. Every hand-off is a wall-clock time in the schedule's time zone, so a daily
 * 09:00 hand-off stays at 09:00 local across daylight-saving changes (the shift that spans the change
 * is an hour shorter or longer). Pure functions of the schedule and an instant.
 */

export type Shift = { layer: number; userId: string; start: Date; end: Date; source: "rotation" | "override" };
export type OverrideSpan = { layer: number; userId: string; startsAt: Date; endsAt: Date; createdAt?: Date };

const DAY_MS = 86_400_000;

/** Days between two local dates (YYYY-MM-DD), b − a. */
function dayDiff(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** The instant of a local date and HH:MM in `timeZone`. */
export function localInstant(date: string, time: string, timeZone: string): Date {
  return fromZonedTime(`${date}T${time}:00`, timeZone);
}

export function localDate(at: Date, timeZone: string): string {
  return formatInTimeZone(at, timeZone, "yyyy-MM-dd");
}

/** The layer's first hand-off date: its start date, moved forward to the hand-off weekday for weekly rotations. */
function firstHandoffDate(layer: ScheduleLayer): string {
  if (layer.rotation === "daily") return layer.startDate;
  const shift = (layer.handoffDay - weekday(layer.startDate) + 7) % 7;
  return addDays(layer.startDate, shift);
}

function periodDays(layer: ScheduleLayer): number {
  return layer.rotation === "weekly" ? 7 : 1;
}

/** Start and end of the layer's shift number `index` (0: the first member's first shift). */
export function shiftBounds(layer: ScheduleLayer, timeZone: string, index: number): { start: Date; end: Date } {
  const first = firstHandoffDate(layer);
  const p = periodDays(layer);
  return {
    start: localInstant(addDays(first, index * p), layer.handoffTime, timeZone),
    end: localInstant(addDays(first, (index + 1) * p), layer.handoffTime, timeZone),
  };
}

/** Number of the shift running at `at` (negative before the rotation starts). */
export function shiftIndexAt(layer: ScheduleLayer, timeZone: string, at: Date): number {
  const first = firstHandoffDate(layer);
  const today = localDate(at, timeZone);
  let days = dayDiff(first, today);
  if (at.getTime() < localInstant(today, layer.handoffTime, timeZone).getTime()) days -= 1;
  return Math.floor(days / periodDays(layer));
}

/** The rotation's shift at `at` (null before it starts or without members). */
export function rotationShiftAt(layer: ScheduleLayer, layerIndex: number, timeZone: string, at: Date): Shift | null {
  if (layer.members.length === 0) return null;
  const index = shiftIndexAt(layer, timeZone, at);
  if (index < 0) return null;
  const { start, end } = shiftBounds(layer, timeZone, index);
  return { layer: layerIndex, userId: layer.members[index % layer.members.length], start, end, source: "rotation" };
}

/** The override in force on a layer at `at`: the most recently created one wins. */
function overrideAt(overrides: OverrideSpan[], layer: number, at: Date): OverrideSpan | undefined {
  return overrides
    .filter((o) => o.layer === layer && o.startsAt.getTime() <= at.getTime() && at.getTime() < o.endsAt.getTime())
    .sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0))[0];
}

/** Who is on call on each layer at `at`, overrides applied. */
export function onCallAt(schedule: { timeZone: string; layers: ScheduleLayer[] }, overrides: OverrideSpan[], at: Date): Shift[] {
  const result: Shift[] = [];
  schedule.layers.forEach((layer, i) => {
    const o = overrideAt(overrides, i, at);
    if (o) {
      result.push({ layer: i, userId: o.userId, start: o.startsAt, end: o.endsAt, source: "override" });
      return;
    }
    const shift = rotationShiftAt(layer, i, schedule.timeZone, at);
    if (shift) result.push(shift);
  });
  return result;
}

/** The layer's shifts overlapping [from, to), rotation cut by overrides, in time order. */
export function layerShifts(layer: ScheduleLayer, layerIndex: number, timeZone: string, overrides: OverrideSpan[], from: Date, to: Date): Shift[] {
  const rotation: Shift[] = [];
  if (layer.members.length > 0) {
    let index = Math.max(0, shiftIndexAt(layer, timeZone, from));
    for (let guard = 0; guard < 400; guard++, index++) {
      const { start, end } = shiftBounds(layer, timeZone, index);
      if (start.getTime() >= to.getTime()) break;
      if (end.getTime() > from.getTime()) {
        rotation.push({ layer: layerIndex, userId: layer.members[index % layer.members.length], start, end, source: "rotation" });
      }
    }
  }
  // Cut the rotation around each override (oldest first, so a newer override lands on top).
  let shifts = rotation;
  const mine = overrides.filter((o) => o.layer === layerIndex).sort((a, b) => (a.createdAt?.getTime() ?? 0) - (b.createdAt?.getTime() ?? 0));
  for (const o of mine) {
    if (o.endsAt.getTime() <= from.getTime() || o.startsAt.getTime() >= to.getTime()) continue;
    const next: Shift[] = [];
    for (const s of shifts) {
      if (s.end.getTime() <= o.startsAt.getTime() || s.start.getTime() >= o.endsAt.getTime()) {
        next.push(s);
        continue;
      }
      if (s.start.getTime() < o.startsAt.getTime()) next.push({ ...s, end: o.startsAt });
      if (s.end.getTime() > o.endsAt.getTime()) next.push({ ...s, start: o.endsAt });
    }
    next.push({ layer: layerIndex, userId: o.userId, start: o.startsAt, end: o.endsAt, source: "override" });
    shifts = next;
  }
  return shifts
    .filter((s) => s.end.getTime() > from.getTime() && s.start.getTime() < to.getTime())
    .sort((a, b) => a.start.getTime() - b.start.getTime());
}

/** Every layer's shifts in [from, to). */
export function scheduleShifts(schedule: { timeZone: string; layers: ScheduleLayer[] }, overrides: OverrideSpan[], from: Date, to: Date): Shift[] {
  return schedule.layers.flatMap((layer, i) => layerShifts(layer, i, schedule.timeZone, overrides, from, to));
}

/** The first instant at or after `at` inside business hours (null when no business day is configured). */
export function nextBusinessOpening(hours: BusinessHours, at: Date): Date | null {
  if (hours.days.length === 0) return null;
  const today = localDate(at, hours.timeZone);
  for (let d = 0; d < 8; d++) {
    const date = addDays(today, d);
    if (!hours.days.includes(weekday(date))) continue;
    const open = localInstant(date, hours.start, hours.timeZone);
    const close = localInstant(date, hours.end, hours.timeZone);
    if (at.getTime() < open.getTime()) return open;
    if (at.getTime() < close.getTime()) return at;
  }
  return null;
}

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
