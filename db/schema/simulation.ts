import { sql } from "drizzle-orm";
import { boolean, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces";
import { actorKinds } from "./incidents";

export const simulationStatuses = ["running", "completed", "stopped", "failed"] as const;
export type SimulationStatus = (typeof simulationStatuses)[number];

/**
 * The simulated world's service graph of a workspace (services, teams, tiers, dependencies) and the
 * health threshold below which checks emit error events. No row: the default Astronomy Shop.
 * Stored as one validated document so an edit replaces it atomically and stays acyclic.
 */
export const simulationTopologies = pgTable("simulation_topologies", {
  workspaceId: uuid("workspace_id")
    .primaryKey()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  /** `{ services: ServiceSpec[] }` in the scenario format's snake_case. */
  topology: jsonb("topology").$type<Record<string, unknown>>().notNull(),
  healthThreshold: doublePrecision("health_threshold").notNull().default(70),
  version: integer("version").notNull().default(1),
  updatedByName: text("updated_by_name").notNull().default("Firedrill"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Scenarios a workspace wrote in the builder or imported (built-ins live in code). */
export const customScenarios = pgTable(
  "custom_scenarios",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    scenarioId: text("scenario_id").notNull(),
    definition: jsonb("definition").$type<Record<string, unknown>>().notNull(),
    createdByName: text("created_by_name").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("custom_scenarios_workspace_scenario_idx").on(t.workspaceId, t.scenarioId)],
);

export type SimulationIncidentRef = {
  id: string;
  number: number;
  service: string;
  system: string;
  /** World time (ms since the run started) when the incident opened. */
  world_ms: number;
};

export type SimulationIntervention = { atMs: number; action: string; service?: string | null; by?: string };

export type SimulationState = {
  /** Health (%) per system at the last tick, and what decided it. */
  health: Record<string, number>;
  details: Record<string, string>;
  /** Systems below the threshold at the last check (recovery is emitted when they leave it). */
  unhealthy: string[];
  /** Index of the last health check performed (one every 5 s of world time). */
  checkIndex: number;
  interventions: SimulationIntervention[];
  incidents: SimulationIncidentRef[];
  eventsEmitted: number;
  /** Check index at which each failing system last sent an event (re-notification is throttled). */
  lastSent?: Record<string, number>;
  diagnosis?: { status: "requested" | "done" | "failed" | "unavailable"; incidentId?: string; summary?: string; at?: string };
  lastError?: string;
  /** The drill's conversation: how many of its items have played into the incident's timeline. */
  conversationIndex?: number;
  /** Timeline entry ids of played items that later items answer in a thread (by item index). */
  conversationEntries?: Record<string, string>;
};

/**
 * One run of a scenario (or an injection) in its own world: a snapshot of the scenario and the
 * topology, a seed, a speed, and the world clock. Runs live here, not in memory, so they survive
 * restarts and any instance can tick them (under the tick's advisory lock).
 */
export const simulations = pgTable(
  "simulations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    scenarioId: text("scenario_id").notNull(),
    scenarioName: text("scenario_name").notNull(),
    /** scenario | injection. */
    kind: text("kind").notNull().default("scenario"),
    rootService: text("root_service").notNull(),
    scenario: jsonb("scenario").$type<Record<string, unknown>>().notNull(),
    topology: jsonb("topology").$type<Record<string, unknown>>().notNull(),
    seed: integer("seed").notNull(),
    speed: doublePrecision("speed").notNull().default(1),
    autoAnalyze: boolean("auto_analyze").notNull().default(false),
    healthThreshold: doublePrecision("health_threshold").notNull().default(70),
    status: text("status", { enum: simulationStatuses }).notNull().default("running"),
    /** World time elapsed since the start (ms); advanced by ticks by real time × speed. */
    worldElapsedMs: doublePrecision("world_elapsed_ms").notNull().default(0),
    durationMs: doublePrecision("duration_ms").notNull(),
    state: jsonb("state").$type<SimulationState>().notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    lastTickAt: timestamp("last_tick_at", { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    createdByKind: text("created_by_kind", { enum: actorKinds }).notNull(),
    createdById: text("created_by_id"),
    createdByName: text("created_by_name").notNull(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("simulations_status_idx").on(t.status).where(sql`${t.status} = 'running'`),
    index("simulations_workspace_started_idx").on(t.workspaceId, t.startedAt),
  ],
);

export type SimulationRow = typeof simulations.$inferSelect;
export type CustomScenarioRow = typeof customScenarios.$inferSelect;
