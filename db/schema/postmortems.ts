import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { actorColumns, createdAtColumn, idColumn, timeColumn, workspaceColumn } from "./columns";
import { incidents } from "./incidents";

export const postmortemStatuses = ["draft", "in_review", "published"] as const;
export type PostmortemStatus = (typeof postmortemStatuses)[number];

export const postmortemSectionKeys = ["summary", "timeline", "root_cause", "impact", "resolution", "action_items", "lessons_learned"] as const;
export type PostmortemSectionKey = (typeof postmortemSectionKeys)[number];

/**
 * One section of a report. `origin` says who wrote it: filled from the incident's data, drafted by
 * the AI provider chain (a draft until a person edits or accepts it), or written by a person.
 */
export type PostmortemSection = {
  key: PostmortemSectionKey;
  title: string;
  body: string;
  origin: "data" | "ai" | "person";
  accepted: boolean;
};

/** A row of the report's timeline, with the real time it happened. */
export type PostmortemTimelineRow = { at: string; kind: string; text: string; actor: string | null };

export type PostmortemReviewer = { kind: string; id: string | null; name: string; at: string; action: "submitted" | "published" };

/** One report per incident, written after it is resolved. */
export const postmortems = pgTable(
  "postmortems",
  {
    id: idColumn(),
    workspaceId: workspaceColumn(),
    incidentId: uuid("incident_id")
      .notNull()
      .references(() => incidents.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    status: text("status", { enum: postmortemStatuses }).notNull().default("draft"),
    sections: jsonb("sections").$type<PostmortemSection[]>().notNull(),
    /** The timeline rows as drafted from the data (the timeline section's markdown is made from them). */
    timeline: jsonb("timeline").$type<PostmortemTimelineRow[]>().notNull().default(sql`'[]'::jsonb`),
    reviewers: jsonb("reviewers").$type<PostmortemReviewer[]>().notNull().default(sql`'[]'::jsonb`),
    version: integer("version").notNull().default(1),
    ...actorColumns("created_by"),
    publishedAt: timeColumn("published_at"),
    createdAt: createdAtColumn(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("postmortems_incident_idx").on(t.incidentId), index("postmortems_workspace_idx").on(t.workspaceId, t.createdAt)],
);

export const actionItemStatuses = ["open", "done"] as const;
export type ActionItemStatus = (typeof actionItemStatuses)[number];

/** Follow-up work of a report; listed workspace-wide on the action items page. */
export const postmortemActionItems = pgTable(
  "postmortem_action_items",
  {
    id: idColumn(),
    workspaceId: workspaceColumn(),
    postmortemId: uuid("postmortem_id")
      .notNull()
      .references(() => postmortems.id, { onDelete: "cascade" }),
    incidentId: uuid("incident_id")
      .notNull()
      .references(() => incidents.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    ownerId: text("owner_id"),
    ownerName: text("owner_name"),
    /** yyyy-mm-dd */
    dueDate: text("due_date"),
    status: text("status", { enum: actionItemStatuses }).notNull().default("open"),
    createdAt: createdAtColumn(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("postmortem_action_items_workspace_idx").on(t.workspaceId, t.status), index("postmortem_action_items_postmortem_idx").on(t.postmortemId)],
);

export type Postmortem = typeof postmortems.$inferSelect;
export type PostmortemActionItem = typeof postmortemActionItems.$inferSelect;
