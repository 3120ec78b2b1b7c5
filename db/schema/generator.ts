import { boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { workspaces } from "./workspaces";

/** A queued batch: `remaining` more incidents, one every `intervalSeconds` (the templates in turn, or at random). */
export type GeneratorBatch = { remaining: number; intervalSeconds: number; templates: string[]; position: number };

/**
 * The incident generator of a workspace: whether it runs, its randomised interval, when it fires
 * next, and a queued batch. No row: off, with the defaults. One row per workspace so the scheduler
 * finds due generators with one indexed probe.
 */
export const generatorSettings = pgTable(
  "generator_settings",
  {
    workspaceId: uuid("workspace_id")
      .primaryKey()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    enabled: boolean("enabled").notNull().default(false),
    minIntervalSeconds: integer("min_interval_seconds").notNull().default(120),
    maxIntervalSeconds: integer("max_interval_seconds").notNull().default(300),
    /** Template ids to draw from (empty: all of them). */
    templates: jsonb("templates").$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    /** Diagnose each generated incident right after it opens. */
    autoDiagnose: boolean("auto_diagnose").notNull().default(true),
    nextRunAt: timestamp("next_run_at", { withTimezone: true }),
    lastRunAt: timestamp("last_run_at", { withTimezone: true }),
    generatedCount: integer("generated_count").notNull().default(0),
    /** Seed of the next generated incident: each one advances it, so a workspace's sequence is reproducible. */
    seed: integer("seed").notNull().default(1),
    batch: jsonb("batch").$type<GeneratorBatch | null>(),
    batchNextAt: timestamp("batch_next_at", { withTimezone: true }),
    lastError: text("last_error"),
    version: integer("version").notNull().default(1),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("generator_settings_due_idx").on(t.nextRunAt).where(sql`${t.enabled}`)],
);

export type GeneratorSettingsRow = typeof generatorSettings.$inferSelect;
