import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

export const workspaceKinds = ["team", "demo"] as const;
export type WorkspaceKind = (typeof workspaceKinds)[number];

export const roles = ["admin", "responder", "viewer"] as const;
export type Role = (typeof roles)[number];

export type SlaPolicy = Record<"P0" | "P1" | "P2" | "P3", { responseMinutes: number; resolutionMinutes: number }>;
/** The SRE agent's policy in a workspace (lib/agent/settings.ts validates it and supplies the defaults). */
export type AgentSettings = {
  /** Ask the agent for a plan as soon as a diagnosis finishes. */
  autoPlanAfterDiagnosis: boolean;
  /** Move the incident to resolved when a plan's verification passes. */
  resolveOnSuccess: boolean;
  /** Minutes a plan waits for approval before it expires. */
  planExpiryMinutes: number;
  /** Executions per incident per rolling hour (approved or automatic). */
  maxExecutionsPerIncidentPerHour: number;
  /** Restarting or failing over a stateful store (cache, database, queue, storage) needs an admin's approval. */
  statefulRequiresAdmin: boolean;
  /** Catalog actions the workspace forbids outright. */
  blockedActions: string[];
};
export type WorkspaceSettings = { sla?: SlaPolicy; agent?: AgentSettings; comms?: Partial<Record<"internal_alert" | "status_update" | "resolution_notice", string>> };

export const workspaces = pgTable(
  "workspaces",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    kind: text("kind", { enum: workspaceKinds }).notNull().default("team"),
    /** Last incident number handed out; bumped under the row lock so numbers are sequential per workspace. */
    incidentSeq: integer("incident_seq").notNull().default(0),
    settings: jsonb("settings").$type<WorkspaceSettings>().notNull().default(sql`'{}'::jsonb`),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("workspaces_slug_idx").on(t.slug)],
);

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash"),
    image: text("image"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("users_email_idx").on(sql`lower(${t.email})`)],
);

export const memberships = pgTable(
  "memberships",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: roles }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId] }), index("memberships_user_idx").on(t.userId)],
);

export type Workspace = typeof workspaces.$inferSelect;
export type User = typeof users.$inferSelect;
export type Membership = typeof memberships.$inferSelect;
