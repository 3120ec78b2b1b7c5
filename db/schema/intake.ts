import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, json, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces";
import { incidents, severities } from "./incidents";

export const eventLevels = ["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL", "FATAL"] as const;
export type EventLevel = (typeof eventLevels)[number];

export const intakeSources = ["generic", "alertmanager", "pagerduty", "grafana", "simulator"] as const;

/** Every signal that reached intake, linked to the incident it opened or joined (if any). */
export const events = pgTable(
  "events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // No foreign keys on this append-only log: each costs a parent lookup and a shared row lock
    // per inserted event (about 40 % of the insert). deleteIncident and the demo reset unlink or
    // remove events in the same transaction; a flush that raced an incident's deletion unlinks its own.
    workspaceId: uuid("workspace_id").notNull(),
    incidentId: uuid("incident_id"),
    service: text("service").notNull(),
    level: text("level", { enum: eventLevels }).notNull(),
    message: text("message").notNull(),
    /** When the event happened, by the sender's clock (threshold windows use this). */
    timestamp: timestamp("occurred_at", { withTimezone: true }).notNull(),
    fingerprint: text("fingerprint"),
    dedupKey: text("dedup_key"),
    // json, not jsonb: kept and shown as sent, never queried into, and json is much cheaper to write.
    attributes: json("attributes").$type<Record<string, unknown>>().notNull().default(sql`'{}'::json`),
    /** generic, alertmanager, pagerduty, grafana, simulator. */
    source: text("source").notNull().default("generic"),
    /** The payload as the integration sent it (one alert of a webhook); null for generic events. */
    raw: json("raw").$type<unknown>(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("events_incident_time_idx").on(t.incidentId, t.timestamp, t.id),
  ],
);

/** A qualifying event not yet linked: id, time (epoch ms) and level rank. */
export type PendingEntry = { id: string; ts: number; rank?: number };

/**
 * One small row per (workspace, grouping key): the open incident of that key and the recent
 * qualifying events not yet linked. The threshold is evaluated on this row alone (never by scanning
 * `events`), and its row lock serialises writers of the same key.
 */
export const intakeWindows = pgTable(
  "intake_windows",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    /** svc:<service>, fp:<fingerprint>, am:<groupKey>, gf:<groupKey>, pd:<dedup_key>. */
    key: text("key").notNull(),
    openIncidentId: uuid("open_incident_id"),
    pending: jsonb("pending").$type<PendingEntry[]>().notNull().default(sql`'[]'::jsonb`),
    maxTs: bigint("max_ts", { mode: "number" }),
    /** Moves on every write of the row: an alert group's state version (see lib/intake/repeat-notifications.ts). */
    version: integer("version").notNull().default(0),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // The key leads: writers look windows up by a list of keys, which the planner only turns into
  // index lookups when the key is the leading column (behind the workspace it reads them all).
  (t) => [primaryKey({ columns: [t.key, t.workspaceId] })],
);

export const signalStatuses = ["firing", "resolved"] as const;

/** Alerts of alert-style sources, one per incident and alert fingerprint, with their last state. */
export const alertSignals = pgTable(
  "alert_signals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    incidentId: uuid("incident_id")
      .notNull()
      .references(() => incidents.id, { onDelete: "cascade" }),
    source: text("source").notNull(),
    signalKey: text("signal_key").notNull(),
    status: text("status", { enum: signalStatuses }).notNull(),
    labels: jsonb("labels").$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
    annotations: jsonb("annotations").$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
    startsAt: timestamp("starts_at", { withTimezone: true }),
    endsAt: timestamp("ends_at", { withTimezone: true }),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    /** Hash of status, start (firing) or end (resolved), labels and annotations: a repeated notification is compared by it alone. */
    digest: text("digest"),
    /** Notifications that named this alert (re-notifications and high-availability replicas included). */
    notifications: integer("notifications").notNull().default(1),
  },
  (t) => [
    uniqueIndex("alert_signals_incident_key_idx").on(t.incidentId, t.signalKey),
    // An alert's latest record across incidents (stale firing notifications are judged by it).
    index("alert_signals_workspace_key_idx").on(t.workspaceId, t.signalKey),
    // The alerts list (lib/alerts) pages by first-seen time. The start changes only when an alert
    // changes; last_seen_at is not indexed, so re-notifications stay heap-only updates.
    index("alert_signals_workspace_starts_idx").on(t.workspaceId, sql`coalesce(${t.startsAt}, '2000-01-01T00:00:00Z'::timestamptz)`, t.id),
  ],
);

/** Requests already processed (Idempotency-Key header, or the hash of an identical webhook body), for 24 h. */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    scope: text("scope").notNull(),
    key: text("key").notNull(),
    response: jsonb("response").$type<unknown>(),
    /** SHA-256 of the request body the key was first used with: the same key with another body is a 422. */
    bodyHash: text("body_hash"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // The key leads the primary key: a flush looks its claims up by key, and with the workspace first
  // (every key of a workspace under one prefix) the planner would read them all and filter.
  (t) => [primaryKey({ columns: [t.key, t.scope, t.workspaceId] }), index("idempotency_keys_created_idx").on(t.createdAt)],
);

/** Raw bodies of rejected intake requests, newest 10,000 per workspace, for inspection and replay. */
export const deadLetters = pgTable(
  "dead_letters",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    source: text("source").notNull(),
    status: integer("status").notNull(),
    reason: text("reason").notNull(),
    issues: jsonb("issues").$type<{ path: string; message: string }[]>().notNull().default(sql`'[]'::jsonb`),
    body: text("body").notNull(),
    contentType: text("content_type"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    replayedAt: timestamp("replayed_at", { withTimezone: true }),
    replayResult: jsonb("replay_result").$type<unknown>(),
  },
  (t) => [index("dead_letters_workspace_created_idx").on(t.workspaceId, t.createdAt)],
);

/** Threshold rules: service "*" is the workspace default; built-in defaults apply without a row. */
export const intakeRules = pgTable(
  "intake_rules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    service: text("service").notNull(),
    minCount: integer("min_count").notNull(),
    windowSeconds: integer("window_seconds").notNull(),
    minLevel: text("min_level", { enum: eventLevels }).notNull(),
    /** Severity of the incident opened; null derives it from the worst level seen. */
    severity: text("severity", { enum: severities }),
    enabled: boolean("enabled").notNull().default(true),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("intake_rules_workspace_service_idx").on(t.workspaceId, t.service)],
);

export type IntakeEvent = typeof events.$inferSelect;
export type NewIntakeEvent = typeof events.$inferInsert;
export type IntakeWindow = typeof intakeWindows.$inferSelect;
export type AlertSignal = typeof alertSignals.$inferSelect;
export type DeadLetter = typeof deadLetters.$inferSelect;
export type IntakeRule = typeof intakeRules.$inferSelect;
