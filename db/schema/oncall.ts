import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { actorColumns, createdAtColumn, idColumn, timeColumn, workspaceColumn } from "./columns";
import { incidents } from "./incidents";
import { users } from "./workspaces";

/**
 * Who responds: roles and follow-up tasks on an incident, on-call schedules, escalation policies and
 * their runs, and notifications (the in-app inbox, per-user rules, workspace webhooks and the queue of
 * outbound deliveries).
 */

export const incidentRoleKinds = ["lead", "scribe", "comms", "responder"] as const;
export type IncidentRoleKind = (typeof incidentRoleKinds)[number];

export const incidentRoles = pgTable(
  "incident_roles",
  {
    id: idColumn(),
    workspaceId: workspaceColumn(),
    incidentId: uuid("incident_id")
      .notNull()
      .references(() => incidents.id, { onDelete: "cascade" }),
    role: text("role", { enum: incidentRoleKinds }).notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    ...actorColumns("assigned_by"),
    createdAt: createdAtColumn(),
  },
  (t) => [
    uniqueIndex("incident_roles_member_idx").on(t.incidentId, t.role, t.userId),
    // Lead, scribe and comms lead are held by one person at a time; responders are many.
    uniqueIndex("incident_roles_single_idx").on(t.incidentId, t.role).where(sql`role <> 'responder'`),
    index("incident_roles_user_idx").on(t.workspaceId, t.userId, t.role),
  ],
);

export const incidentTasks = pgTable(
  "incident_tasks",
  {
    id: idColumn(),
    workspaceId: workspaceColumn(),
    incidentId: uuid("incident_id")
      .notNull()
      .references(() => incidents.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    ownerId: uuid("owner_id").references(() => users.id, { onDelete: "set null" }),
    done: boolean("done").notNull().default(false),
    doneAt: timeColumn("done_at"),
    ...actorColumns("created_by"),
    createdAt: createdAtColumn(),
  },
  (t) => [index("incident_tasks_incident_idx").on(t.incidentId, t.createdAt)],
);

/** One layer of a schedule: members take turns, handing off daily or weekly at a local time. */
export type ScheduleLayer = {
  name: string;
  rotation: "daily" | "weekly";
  /** Local hand-off time, HH:MM, in the schedule's time zone. */
  handoffTime: string;
  /** Weekly rotations hand off on this weekday (0 Sunday … 6 Saturday). */
  handoffDay: number;
  /** Local date (YYYY-MM-DD) of the first hand-off: the first member's first shift starts then. */
  startDate: string;
  /** User ids in rotation order. */
  members: string[];
};

export const schedules = pgTable(
  "schedules",
  {
    id: idColumn(),
    workspaceId: workspaceColumn(),
    name: text("name").notNull(),
    timeZone: text("time_zone").notNull(),
    /** Index 0 is the primary layer, 1 the secondary, and so on. */
    layers: jsonb("layers").$type<ScheduleLayer[]>().notNull().default(sql`'[]'::jsonb`),
    ...actorColumns("created_by"),
    createdAt: createdAtColumn(),
  },
  (t) => [uniqueIndex("schedules_workspace_name_idx").on(t.workspaceId, t.name)],
);

/** Someone covers a layer of a schedule for a date range. */
export const scheduleOverrides = pgTable(
  "schedule_overrides",
  {
    id: idColumn(),
    workspaceId: workspaceColumn(),
    scheduleId: uuid("schedule_id")
      .notNull()
      .references(() => schedules.id, { onDelete: "cascade" }),
    layer: integer("layer").notNull().default(0),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    ...actorColumns("created_by"),
    createdAt: createdAtColumn(),
  },
  (t) => [index("schedule_overrides_schedule_idx").on(t.scheduleId, t.startsAt)],
);

export type EscalationTarget = { type: "schedule"; id: string; layer?: number } | { type: "user"; id: string };
export type EscalationLevel = { targets: EscalationTarget[]; timeoutMinutes: number };
/** When an incident of a severity pages: at once, only inside business hours (else at the next opening), or never. */
export type SeverityMode = "immediate" | "business_hours" | "never";
export type BusinessHours = { timeZone: string; days: number[]; start: string; end: string };

export const escalationPolicies = pgTable(
  "escalation_policies",
  {
    id: idColumn(),
    workspaceId: workspaceColumn(),
    name: text("name").notNull(),
    levels: jsonb("levels").$type<EscalationLevel[]>().notNull().default(sql`'[]'::jsonb`),
    /** Times the whole ladder runs again after its last level times out (0: once). */
    repeat: integer("repeat").notNull().default(0),
    /** Services (topology names) this policy covers; empty: any. */
    services: jsonb("services").$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    /** Severities this policy covers; empty: any. */
    severities: jsonb("severities").$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    severityModes: jsonb("severity_modes").$type<Record<string, SeverityMode>>().notNull(),
    businessHours: jsonb("business_hours").$type<BusinessHours>().notNull(),
    ...actorColumns("created_by"),
    createdAt: createdAtColumn(),
  },
  (t) => [uniqueIndex("escalation_policies_workspace_name_idx").on(t.workspaceId, t.name)],
);

export const escalationStatuses = ["waiting", "paging", "acknowledged", "exhausted", "stopped", "skipped"] as const;
export type EscalationStatus = (typeof escalationStatuses)[number];

/** One incident's walk up a policy. `step` counts pages sent (level + cycle × levels): the engine claims a step by its number. */
export const escalationRuns = pgTable(
  "escalation_runs",
  {
    id: idColumn(),
    workspaceId: workspaceColumn(),
    incidentId: uuid("incident_id")
      .notNull()
      .references(() => incidents.id, { onDelete: "cascade" }),
    policyId: uuid("policy_id").references(() => escalationPolicies.id, { onDelete: "set null" }),
    status: text("status", { enum: escalationStatuses }).notNull(),
    /** Next step to run (0: nobody paged yet). */
    step: integer("step").notNull().default(0),
    nextAt: timeColumn("next_at"),
    acknowledgedAt: timeColumn("acknowledged_at"),
    acknowledgedByName: text("acknowledged_by_name"),
    createdAt: createdAtColumn(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("escalation_runs_incident_idx").on(t.incidentId), index("escalation_runs_due_idx").on(t.status, t.nextAt)],
);

/** Every page sent; the unique key makes a step page each person once, however many engines race. */
export const escalationPages = pgTable(
  "escalation_pages",
  {
    id: idColumn(),
    workspaceId: workspaceColumn(),
    runId: uuid("run_id")
      .notNull()
      .references(() => escalationRuns.id, { onDelete: "cascade" }),
    incidentId: uuid("incident_id")
      .notNull()
      .references(() => incidents.id, { onDelete: "cascade" }),
    step: integer("step").notNull(),
    level: integer("level").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAtColumn(),
  },
  (t) => [uniqueIndex("escalation_pages_step_user_idx").on(t.runId, t.step, t.userId)],
);

export const notificationEvents = ["paged", "assigned", "mentioned", "sla_breach", "status_change"] as const;
export type NotificationEvent = (typeof notificationEvents)[number];
export const notificationChannels = ["inbox", "email", "slack"] as const;
export type NotificationChannel = (typeof notificationChannels)[number];

/** The in-app inbox. */
export const notifications = pgTable(
  "notifications",
  {
    id: idColumn(),
    workspaceId: workspaceColumn(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    event: text("event", { enum: notificationEvents }).notNull(),
    title: text("title").notNull(),
    body: text("body").notNull().default(""),
    incidentId: uuid("incident_id").references(() => incidents.id, { onDelete: "cascade" }),
    readAt: timeColumn("read_at"),
    createdAt: createdAtColumn(),
  },
  (t) => [index("notifications_user_idx").on(t.workspaceId, t.userId, t.createdAt)],
);

/** A user's choice of channels for one event; no row: the default (inbox for all, email too when paged). */
export const notificationRules = pgTable(
  "notification_rules",
  {
    workspaceId: workspaceColumn(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    event: text("event", { enum: notificationEvents }).notNull(),
    channels: jsonb("channels").$type<NotificationChannel[]>().notNull().default(sql`'[]'::jsonb`),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId, t.event] })],
);

export const webhooks = pgTable(
  "webhooks",
  {
    id: idColumn(),
    workspaceId: workspaceColumn(),
    url: text("url").notNull(),
    /** HMAC-SHA256 key of the signature header. */
    secret: text("secret").notNull(),
    /** Event types sent (empty: all). */
    events: jsonb("events").$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    enabled: boolean("enabled").notNull().default(true),
    ...actorColumns("created_by"),
    createdAt: createdAtColumn(),
  },
  (t) => [index("webhooks_workspace_idx").on(t.workspaceId)],
);

export const deliveryChannels = ["email", "webhook", "slack"] as const;
export type DeliveryChannel = (typeof deliveryChannels)[number];
export const deliveryStatuses = ["pending", "delivered", "failed"] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];
export type DeliveryAttempt = { at: string; statusCode: number | null; error: string | null; ms: number };

/** Outbound messages, queued in the write's transaction and sent by the delivery job (so a channel never blocks a write). */
export const notificationDeliveries = pgTable(
  "notification_deliveries",
  {
    id: idColumn(),
    workspaceId: workspaceColumn(),
    channel: text("channel", { enum: deliveryChannels }).notNull(),
    webhookId: uuid("webhook_id").references(() => webhooks.id, { onDelete: "cascade" }),
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
    /** Email address, webhook URL or Slack user: where it goes. */
    target: text("target").notNull(),
    event: text("event").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    status: text("status", { enum: deliveryStatuses }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    log: jsonb("log").$type<DeliveryAttempt[]>().notNull().default(sql`'[]'::jsonb`),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timeColumn("delivered_at"),
    createdAt: createdAtColumn(),
  },
  (t) => [
    index("notification_deliveries_due_idx").on(t.status, t.nextAttemptAt),
    index("notification_deliveries_webhook_idx").on(t.workspaceId, t.webhookId, t.createdAt),
  ],
);

/** Where a background scan (status changes) has read up to. */
export const oncallCursors = pgTable("oncall_cursors", {
  name: text("name").primaryKey(),
  at: timestamp("at", { withTimezone: true }).notNull(),
});

export type IncidentRole = typeof incidentRoles.$inferSelect;
export type IncidentTask = typeof incidentTasks.$inferSelect;
export type Schedule = typeof schedules.$inferSelect;
export type ScheduleOverride = typeof scheduleOverrides.$inferSelect;
export type EscalationPolicy = typeof escalationPolicies.$inferSelect;
export type EscalationRun = typeof escalationRuns.$inferSelect;
export type Notification = typeof notifications.$inferSelect;
export type Webhook = typeof webhooks.$inferSelect;
export type NotificationDelivery = typeof notificationDeliveries.$inferSelect;
