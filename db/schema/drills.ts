import { sql } from "drizzle-orm";
import { boolean, doublePrecision, index, integer, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { actorColumns, createdAtColumn, idColumn, timeColumn, workspaceColumn } from "./columns";
import { incidents } from "./incidents";
import { simulations } from "./simulation";

/** A game day: planned (created) → running (its simulation started) → ended (scored). */
export const drillStatuses = ["planned", "running", "ended"] as const;
export type DrillStatus = (typeof drillStatuses)[number];

export type DrillParticipant = { id: string; name: string };

/** One scoring criterion as stored: what was measured, its points out of `max`, and a sentence. */
export type DrillCriterion = { key: string; label: string; points: number; max: number; detail: string; value?: number | boolean | null };

export type DrillScore = {
  total: number;
  max: number;
  criteria: DrillCriterion[];
  /** Seconds from the incident opening to its acknowledgement; null when nobody acknowledged it. */
  timeToAcknowledgeSeconds: number | null;
  /** Seconds from the incident opening to the accepted diagnosis, when it was correct. */
  timeToDiagnosisSeconds: number | null;
  diagnosisCorrect: boolean;
  remediationExpected: boolean;
  healthRestored: boolean;
  slaMet: boolean;
  actions: string[];
};

/**
 * Facilitated drills ("game days"): a scenario run for named participants, its controls and its
 * score. The simulated world lives in `simulations` (the drill's run, and any fault injected on
 * top); the incident comes through intake like any other, as a training incident.
 */
export const drills = pgTable(
  "drills",
  {
    id: idColumn(),
    workspaceId: workspaceColumn(),
    title: text("title").notNull(),
    scenarioId: text("scenario_id").notNull(),
    scenarioName: text("scenario_name").notNull(),
    difficulty: text("difficulty").notNull(),
    /** The scenario's declared answer, kept with the drill so re-runs and scores never drift. */
    expectedRootCause: text("expected_root_cause").notNull(),
    expectedActions: jsonb("expected_actions").$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    rootService: text("root_service").notNull(),
    seed: integer("seed").notNull(),
    speed: doublePrecision("speed").notNull().default(1),
    /** The AI diagnosis runs by itself when the incident opens. */
    aiAssistance: boolean("ai_assistance").notNull().default(true),
    participants: jsonb("participants").$type<DrillParticipant[]>().notNull().default(sql`'[]'::jsonb`),
    status: text("status", { enum: drillStatuses }).notNull().default("planned"),
    simulationId: uuid("simulation_id").references(() => simulations.id, { onDelete: "set null" }),
    /** Faults the facilitator injected on top (their runs). */
    injections: jsonb("injections").$type<{ simulationId: string; system: string; failure: string; at: string }[]>().notNull().default(sql`'[]'::jsonb`),
    incidentId: uuid("incident_id").references(() => incidents.id, { onDelete: "set null" }),
    acceptedCause: text("accepted_cause"),
    acceptedAt: timeColumn("accepted_at"),
    acceptedByName: text("accepted_by_name"),
    score: jsonb("score").$type<DrillScore>(),
    totalScore: integer("total_score"),
    debrief: text("debrief"),
    /** The drill this one re-runs (same scenario, seed and speed). */
    rerunOf: uuid("rerun_of"),
    ...actorColumns("created_by"),
    startedAt: timeColumn("started_at"),
    endedAt: timeColumn("ended_at"),
    version: integer("version").notNull().default(1),
    createdAt: createdAtColumn(),
  },
  (t) => [
    index("drills_workspace_created_idx").on(t.workspaceId, t.createdAt),
    index("drills_workspace_scenario_seed_idx").on(t.workspaceId, t.scenarioId, t.seed),
  ],
);

export type Drill = typeof drills.$inferSelect;
