import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { actorColumns, createdAtColumn, idColumn, workspaceColumn } from "./columns";

/** What a silence matches: every given field must match (labels: each one exactly; text: a case-insensitive substring). */
export type SilenceMatcher = {
  service?: string;
  source?: string;
  labels?: Record<string, string>;
  text?: string;
};

/** A silence: signals matching it between its start and end are recorded but open nothing and page nobody. */
export const silences = pgTable(
  "silences",
  {
    id: idColumn(),
    workspaceId: workspaceColumn(),
    matcher: jsonb("matcher").$type<SilenceMatcher>().notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    reason: text("reason").notNull(),
    /** Set when someone expired the silence before its end (its end then moved to that moment). */
    expiredAt: timestamp("expired_at", { withTimezone: true }),
    ...actorColumns("created_by"),
    createdAt: createdAtColumn(),
  },
  (t) => [index("silences_workspace_ends_idx").on(t.workspaceId, t.endsAt)],
);

export const recurrences = ["none", "daily", "weekly"] as const;
export type Recurrence = (typeof recurrences)[number];

/** A maintenance window: intake records events of its services (none listed: all) but opens no incident. */
export const maintenanceWindows = pgTable(
  "maintenance_windows",
  {
    id: idColumn(),
    workspaceId: workspaceColumn(),
    /** Empty: every service. */
    services: jsonb("services").$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    recurrence: text("recurrence", { enum: recurrences }).notNull().default("none"),
    /** A recurring window stops repeating after this (null: forever). */
    recurrenceUntil: timestamp("recurrence_until", { withTimezone: true }),
    reason: text("reason").notNull(),
    ...actorColumns("created_by"),
    createdAt: createdAtColumn(),
  },
  (t) => [index("maintenance_windows_workspace_ends_idx").on(t.workspaceId, t.endsAt)],
);

export const suppressionKinds = ["silence", "maintenance"] as const;
export type SuppressionKind = (typeof suppressionKinds)[number];

/**
 * Signals that a silence or a maintenance window kept from opening anything, one row per (source,
 * signal key): their events are recorded (unlinked) in `events`, this row is what the alerts list shows.
 */
export const suppressedSignals = pgTable(
  "suppressed_signals",
  {
    id: idColumn(),
    workspaceId: workspaceColumn(),
    source: text("source").notNull(),
    signalKey: text("signal_key").notNull(),
    service: text("service").notNull(),
    title: text("title").notNull(),
    level: text("level").notNull(),
    labels: jsonb("labels").$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
    kind: text("kind", { enum: suppressionKinds }).notNull(),
    silenceId: uuid("silence_id").references(() => silences.id, { onDelete: "set null" }),
    maintenanceWindowId: uuid("maintenance_window_id").references(() => maintenanceWindows.id, { onDelete: "set null" }),
    /** Hash of the alert's state and content: an unchanged re-notification records no new event. */
    digest: text("digest"),
    firstSeenAt: timestamp("first_seen_at", { withTimezone: true }).notNull(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull(),
    notifications: integer("notifications").notNull().default(1),
  },
  (t) => [
    uniqueIndex("suppressed_signals_workspace_key_idx").on(t.workspaceId, t.source, t.signalKey),
    index("suppressed_signals_workspace_first_idx").on(t.workspaceId, t.firstSeenAt, t.id),
  ],
);

export type Silence = typeof silences.$inferSelect;
export type MaintenanceWindow = typeof maintenanceWindows.$inferSelect;
export type SuppressedSignal = typeof suppressedSignals.$inferSelect;
