import { sql } from "drizzle-orm";
import { boolean, doublePrecision, index, integer, jsonb, pgTable, real, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { actorColumns, actorKinds, createdAtColumn, idColumn, timeColumn, workspaceColumn } from "./columns";
import { incidents, remediationModes } from "./incidents";
import { simulations } from "./simulation";

/**
 * The SRE agent's remediation plans. A plan moves through
 * planning → awaiting_approval → approved | rejected | expired → executing → verifying → succeeded | failed,
 * then rolled_back after a rollback; `advisory` plans are checklists for people and never execute.
 */
export const planStatuses = [
  "planning",
  "awaiting_approval",
  "approved",
  "rejected",
  "expired",
  "advisory",
  "executing",
  "verifying",
  "succeeded",
  "failed",
  "rolled_back",
] as const;
export type PlanStatus = (typeof planStatuses)[number];

/** Who asked for the plan: the planner on request, the planner after a diagnosis, or a person picking one action. */
export const planSources = ["planner", "auto", "manual"] as const;
export type PlanSource = (typeof planSources)[number];

/** Whether the plan acts on the simulated world or would need a connector to a real system. */
export const planWorlds = ["simulated", "real"] as const;
export type PlanWorld = (typeof planWorlds)[number];

export const riskLevels = ["low", "medium", "high", "critical"] as const;
export type RiskLevel = (typeof riskLevels)[number];

export type CheckSpec = {
  name: string;
  kind: "health" | "metric_max" | "metric_min";
  /** The system a health check reads (a service, or e.g. postgresql-bloat). */
  system?: string;
  /** The service and metric a metric check reads. */
  service?: string;
  metric?: string;
  threshold: number;
  /** Consecutive health-check instants (5 s of world time apart) the condition must hold. */
  consecutive: number;
};

export type CheckResult = { name: string; passed: boolean; detail: string; observed: number[] };

export type StepStatus = "pending" | "running" | "done" | "failed" | "rolled_back";

export type PlanStepRecord = {
  index: number;
  action: string;
  target: string;
  parameters: Record<string, string | number | boolean>;
  rationale: string;
  evidence: string[];
  expected_effect: string;
  risk: { level: RiskLevel; score: number };
  blast_radius: string[];
  reversible: boolean;
  rollback: { action: string; target: string; parameters: Record<string, string | number | boolean>; description: string } | null;
  preview: { summary: string; changes: { what: string; from: string; to: string }[] };
  checks: CheckSpec[];
  status: StepStatus;
  output?: string;
  error?: string;
  started_at?: string;
  finished_at?: string;
  duration_ms?: number;
  world_ms?: number;
  rollback_output?: string;
};

export type WhatIfRow = {
  rank: number;
  action: string;
  target: string;
  in_plan: boolean;
  /** Share of the seeds in which the incident's system is healthy for 3 consecutive checks within the horizon. */
  success_probability: number;
  expected_recovery_seconds: number | null;
  worst_recovery_seconds: number | null;
  /** Dependents of the target unhealthy when the forecast starts, and how many of them recover. */
  dependents_unhealthy: number;
  dependents_recovered: number;
  risk_score: number;
};

export type PlanAttempt = { provider: string; model: string; outcome: "answered" | "skipped"; reason?: string; ms?: number };

export const agentPlans = pgTable(
  "agent_plans",
  {
    id: idColumn(),
    workspaceId: workspaceColumn(),
    /** The incident the plan remediates (null for an action proposed on a system with no open incident). */
    incidentId: uuid("incident_id").references(() => incidents.id, { onDelete: "cascade" }),
    /** The simulated run the plan acts in. */
    simulationId: uuid("simulation_id").references(() => simulations.id, { onDelete: "set null" }),
    /** The system the incident is about (a service, or e.g. postgresql-bloat): verification always reads it. */
    incidentSystem: text("incident_system"),
    targetService: text("target_service").notNull(),
    status: text("status", { enum: planStatuses }).notNull().default("planning"),
    /** The incident's remediation mode when the plan was made (advisory for real systems). */
    mode: text("mode", { enum: remediationModes }).notNull(),
    world: text("world", { enum: planWorlds }).notNull(),
    source: text("source", { enum: planSources }).notNull(),
    summary: text("summary").notNull().default(""),
    provider: text("provider"),
    model: text("model"),
    attempts: jsonb("attempts").$type<PlanAttempt[]>().notNull().default(sql`'[]'::jsonb`),
    diagnosisId: uuid("diagnosis_id"),
    steps: jsonb("steps").$type<PlanStepRecord[]>().notNull().default(sql`'[]'::jsonb`),
    whatIf: jsonb("what_if").$type<WhatIfRow[]>().notNull().default(sql`'[]'::jsonb`),
    /** What the model answered outside the catalog (or unusable), as sentences: never executed. */
    dropped: jsonb("dropped").$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    checks: jsonb("checks").$type<CheckResult[]>().notNull().default(sql`'[]'::jsonb`),
    riskLevel: text("risk_level", { enum: riskLevels }).notNull().default("low"),
    riskScore: real("risk_score").notNull().default(0),
    /** A policy veto: only an admin may approve (a restart or failover of a stateful store). */
    requiresAdmin: boolean("requires_admin").notNull().default(false),
    /** Why the plan needs a person even in automated mode, or why it cannot execute at all. */
    notice: text("notice"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    ...actorColumns("created_by"),
    decidedByKind: text("decided_by_kind", { enum: actorKinds }),
    decidedById: text("decided_by_id"),
    decidedByName: text("decided_by_name"),
    decidedAt: timeColumn("decided_at"),
    decisionComment: text("decision_comment"),
    executedAt: timeColumn("executed_at"),
    /** World time of the run when the last step ran: checks read the instants after it. */
    verifyFromWorldMs: doublePrecision("verify_from_world_ms"),
    verifyDeadlineWorldMs: doublePrecision("verify_deadline_world_ms"),
    verifyDeadlineAt: timeColumn("verify_deadline_at"),
    finishedAt: timeColumn("finished_at"),
    failureReason: text("failure_reason"),
    rolledBackByKind: text("rolled_back_by_kind", { enum: actorKinds }),
    rolledBackById: text("rolled_back_by_id"),
    rolledBackByName: text("rolled_back_by_name"),
    rolledBackAt: timeColumn("rolled_back_at"),
    rollbackComment: text("rollback_comment"),
    version: integer("version").notNull().default(1),
    createdAt: createdAtColumn(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("agent_plans_workspace_status_created_idx").on(t.workspaceId, t.status, t.createdAt),
    index("agent_plans_incident_created_idx").on(t.incidentId, t.createdAt),
    index("agent_plans_pending_idx")
      .on(t.status)
      .where(sql`${t.status} in ('awaiting_approval', 'approved', 'executing', 'verifying')`),
  ],
);

export type AgentPlan = typeof agentPlans.$inferSelect;
