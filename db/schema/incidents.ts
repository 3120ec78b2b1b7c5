import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces";

export const incidentStatuses = ["triage", "investigating", "fixing", "resolved", "closed"] as const;
export type IncidentStatus = (typeof incidentStatuses)[number];
/** Statuses in which an incident still collects events and counts as open. */
export const openStatuses = ["triage", "investigating", "fixing"] as const satisfies readonly IncidentStatus[];

export const severities = ["P0", "P1", "P2", "P3"] as const;
export type Severity = (typeof severities)[number];

export const incidentTypes = ["real", "synthetic", "training"] as const;
export type IncidentType = (typeof incidentTypes)[number];

export const remediationModes = ["automated", "manual", "advisory"] as const;
export type RemediationMode = (typeof remediationModes)[number];

export { actorKinds, type ActorKind } from "./columns";
import { actorKinds } from "./columns";

export const timelineKinds = ["note", "chat", "alert", "action", "system", "field_change", "status_change"] as const;
export type TimelineKind = (typeof timelineKinds)[number];

export const incidents = pgTable(
  "incidents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    /** Human-readable number, sequential per workspace: shown as INC-<number>. */
    number: integer("number").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    service: text("service").notNull(),
    team: text("team"),
    severity: text("severity", { enum: severities }).notNull().default("P2"),
    status: text("status", { enum: incidentStatuses }).notNull().default("triage"),
    generatedBy: text("generated_by").notNull().default("manual"),
    incidentType: text("incident_type", { enum: incidentTypes }).notNull().default("real"),
    actionable: boolean("actionable").notNull().default(true),
    affectedSystems: jsonb("affected_systems").$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    remediationMode: text("remediation_mode", { enum: remediationModes }).notNull().default("manual"),
    metadata: jsonb("metadata").$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    /** Shared working notes of the responders, saved with the incident's version. */
    notes: text("notes").notNull().default(""),
    /** Where the incident came from (manual, api, generic, alertmanager, pagerduty, grafana, simulator). */
    source: text("source").notNull().default("manual"),
    /** Key that groups signals into this incident while it is open (service, groupKey, dedup_key…). */
    fingerprint: text("fingerprint"),
    eventCount: integer("event_count").notNull().default(0),
    /** false: intake never attaches events or alerts to this incident (it still counts towards nothing). */
    receivesIntake: boolean("receives_intake").notNull().default(true),
    firstEventAt: timestamp("first_event_at", { withTimezone: true }),
    lastEventAt: timestamp("last_event_at", { withTimezone: true }),
    /** Optimistic concurrency: every write bumps it; a write carrying an older version is refused. */
    version: integer("version").notNull().default(1),
    createdByKind: text("created_by_kind", { enum: actorKinds }).notNull().default("system"),
    createdById: text("created_by_id"),
    createdByName: text("created_by_name").notNull().default("Firedrill"),
    acknowledgedAt: timestamp("acknowledged_at", { withTimezone: true }),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    /** What the responders did to end it, asked for (optionally) on resolve; post-mortems start from it. */
    resolutionSummary: text("resolution_summary"),
    /** What caused it, in the responders' words, asked for (optionally) on resolve. */
    resolutionCause: text("resolution_cause"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("incidents_workspace_number_idx").on(t.workspaceId, t.number),
    index("incidents_workspace_status_created_idx").on(t.workspaceId, t.status, t.createdAt),
    index("incidents_workspace_resolved_idx").on(t.workspaceId, t.resolvedAt),
    index("incidents_workspace_fingerprint_idx").on(t.workspaceId, t.fingerprint),
    // Similar incidents (lib/alerts/similar.ts): full-text search on title, service and description,
    // the same expression as the query (PostgreSQL's own text search: works on PGlite and PostgreSQL).
    index("incidents_search_idx").using("gin", sql`to_tsvector('english'::regconfig, ${t.title} || ' ' || ${t.service} || ' ' || ${t.description})`),
    // Intake looks up a service's open real incident on every flush: only those are indexed (a
    // handful per workspace), so the lookup stays a probe.
    index("incidents_workspace_service_open_idx")
      .on(t.workspaceId, t.service)
      .where(sql`status in ('triage', 'investigating', 'fixing') and receives_intake and incident_type = 'real'`),
  ],
);

export const incidentStatusHistory = pgTable(
  "incident_status_history",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    incidentId: uuid("incident_id")
      .notNull()
      .references(() => incidents.id, { onDelete: "cascade" }),
    fromStatus: text("from_status", { enum: incidentStatuses }),
    toStatus: text("to_status", { enum: incidentStatuses }).notNull(),
    actorKind: text("actor_kind", { enum: actorKinds }).notNull(),
    actorId: text("actor_id"),
    actorName: text("actor_name").notNull(),
    reason: text("reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("incident_status_history_incident_idx").on(t.incidentId, t.createdAt)],
);

export const timelineEntries = pgTable(
  "timeline_entries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    incidentId: uuid("incident_id")
      .notNull()
      .references(() => incidents.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: timelineKinds }).notNull(),
    body: text("body").notNull().default(""),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    authorKind: text("author_kind", { enum: actorKinds }).notNull(),
    authorId: text("author_id"),
    authorName: text("author_name").notNull(),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    editedAt: timestamp("edited_at", { withTimezone: true }),
  },
  (t) => [index("timeline_entries_incident_idx").on(t.incidentId, t.createdAt)],
);

export type Incident = typeof incidents.$inferSelect;
export type NewIncident = typeof incidents.$inferInsert;
export type IncidentStatusChange = typeof incidentStatusHistory.$inferSelect;
export type TimelineEntry = typeof timelineEntries.$inferSelect;
