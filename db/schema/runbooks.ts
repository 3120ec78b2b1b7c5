import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { actorColumns, createdAtColumn, idColumn, workspaceColumn } from "./columns";
import { incidents } from "./incidents";

/**
 * Runbooks: a markdown procedure (symptoms, investigation steps, common resolutions, escalation,
 * with `- [ ]` checklists) and the services and diagnosis categories it applies to. Every save
 * bumps `version` and keeps a copy in `runbook_versions`.
 */
export const runbooks = pgTable(
  "runbooks",
  {
    id: idColumn(),
    workspaceId: workspaceColumn(),
    title: text("title").notNull(),
    summary: text("summary").notNull().default(""),
    services: jsonb("services").$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    categories: jsonb("categories").$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    body: text("body").notNull().default(""),
    version: integer("version").notNull().default(1),
    /** "builtin" for the procedures every workspace starts with, "user" for the workspace's own. */
    origin: text("origin").notNull().default("user"),
    ...actorColumns("updated_by"),
    createdAt: createdAtColumn(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("runbooks_workspace_title_idx").on(t.workspaceId, t.title)],
);

export const runbookVersions = pgTable(
  "runbook_versions",
  {
    id: idColumn(),
    workspaceId: workspaceColumn(),
    runbookId: uuid("runbook_id")
      .notNull()
      .references(() => runbooks.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    title: text("title").notNull(),
    summary: text("summary").notNull().default(""),
    services: jsonb("services").$type<string[]>().notNull(),
    categories: jsonb("categories").$type<string[]>().notNull(),
    body: text("body").notNull(),
    /** Set when this version brought back an older one. */
    restoredFrom: integer("restored_from"),
    ...actorColumns("created_by"),
    createdAt: createdAtColumn(),
  },
  (t) => [uniqueIndex("runbook_versions_runbook_version_idx").on(t.runbookId, t.version)],
);

/** A runbook a responder attached to an incident, with the checklist items ticked so far. */
export const incidentRunbooks = pgTable(
  "incident_runbooks",
  {
    id: idColumn(),
    workspaceId: workspaceColumn(),
    incidentId: uuid("incident_id")
      .notNull()
      .references(() => incidents.id, { onDelete: "cascade" }),
    runbookId: uuid("runbook_id")
      .notNull()
      .references(() => runbooks.id, { onDelete: "cascade" }),
    /** The runbook version the checklist indexes refer to. */
    runbookVersion: integer("runbook_version").notNull(),
    /** Indexes (in document order) of the ticked checklist items. */
    checked: jsonb("checked").$type<number[]>().notNull().default(sql`'[]'::jsonb`),
    ...actorColumns("attached_by"),
    createdAt: createdAtColumn(),
  },
  (t) => [uniqueIndex("incident_runbooks_incident_runbook_idx").on(t.incidentId, t.runbookId), index("incident_runbooks_workspace_idx").on(t.workspaceId)],
);

export type Runbook = typeof runbooks.$inferSelect;
export type RunbookVersion = typeof runbookVersions.$inferSelect;
export type IncidentRunbook = typeof incidentRunbooks.$inferSelect;
