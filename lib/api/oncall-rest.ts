import type { EscalationPolicy, IncidentRole, NotificationDelivery, Schedule, ScheduleOverride, Webhook } from "@/db/schema";
import type { Shift } from "@/lib/oncall";
import type { InboxView, RuleView } from "@/lib/notifications/shared";
import { camelToSnake, snakeToCamel } from "./case";

/**
 * REST documents of on-call and notifications (snake_case, like lib/api/rest.ts), and the deep
 * key renaming their nested bodies need (schedule layers, policy levels).
 */
export function deepKeysToCamel(input: unknown): unknown {
  if (Array.isArray(input)) return input.map(deepKeysToCamel);
  if (!input || typeof input !== "object") return input;
  return Object.fromEntries(Object.entries(input as Record<string, unknown>).map(([k, v]) => [snakeToCamel(k), deepKeysToCamel(v)]));
}

export function deepKeysToSnake(input: unknown): unknown {
  if (input instanceof Date) return input.toISOString();
  if (Array.isArray(input)) return input.map(deepKeysToSnake);
  if (!input || typeof input !== "object") return input;
  return Object.fromEntries(Object.entries(input as Record<string, unknown>).map(([k, v]) => [camelToSnake(k), deepKeysToSnake(v)]));
}

export function serializeRoles(incidentId: string, roles: IncidentRole[]) {
  const one = (role: string) => roles.find((r) => r.role === role)?.userId ?? null;
  return { incident_id: incidentId, lead: one("lead"), scribe: one("scribe"), comms: one("comms"), responders: roles.filter((r) => r.role === "responder").map((r) => r.userId) };
}

export function serializeSchedule(s: Schedule) {
  return { id: s.id, name: s.name, time_zone: s.timeZone, layers: deepKeysToSnake(s.layers), created_at: s.createdAt.toISOString() };
}

export function serializeShift(s: Shift) {
  return { layer: s.layer, user_id: s.userId, start: s.start.toISOString(), end: s.end.toISOString(), source: s.source };
}

export function serializeOverride(o: ScheduleOverride) {
  return { id: o.id, schedule_id: o.scheduleId, layer: o.layer, user_id: o.userId, starts_at: o.startsAt.toISOString(), ends_at: o.endsAt.toISOString() };
}

export function serializePolicy(p: EscalationPolicy) {
  return {
    id: p.id,
    name: p.name,
    levels: deepKeysToSnake(p.levels),
    repeat: p.repeat,
    services: p.services,
    severities: p.severities,
    severity_modes: p.severityModes,
    business_hours: deepKeysToSnake(p.businessHours),
    created_at: p.createdAt.toISOString(),
  };
}

export function serializeWebhook(h: Webhook) {
  return { id: h.id, url: h.url, events: h.events, enabled: h.enabled, created_at: h.createdAt.toISOString() };
}

export function serializeDelivery(d: NotificationDelivery) {
  return {
    id: d.id,
    webhook_id: d.webhookId,
    event: d.event,
    status: d.status,
    attempts: d.attempts,
    log: d.log.map((a) => ({ at: a.at, status_code: a.statusCode, error: a.error, ms: a.ms })),
    payload: d.payload,
    next_attempt_at: d.nextAttemptAt.toISOString(),
    delivered_at: d.deliveredAt?.toISOString() ?? null,
    created_at: d.createdAt.toISOString(),
  };
}

export function serializeInbox(inbox: InboxView, rules: RuleView[]) {
  return {
    unread: inbox.unread,
    items: inbox.items.map((n) => ({ id: n.id, event: n.event, title: n.title, body: n.body, incident_id: n.incidentId, read_at: n.readAt, created_at: n.createdAt })),
    rules: rules.map((r) => ({ event: r.event, channels: r.channels, custom: r.custom })),
  };
}
