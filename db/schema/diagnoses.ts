import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, real, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces";
import { actorKinds, incidents, severities } from "./incidents";

/** One provider skipped on the way to an answer, and why (never the answer itself). */
export type DiagnosisAttemptRow = { provider: string; model: string; outcome: "answered" | "skipped"; reason?: string; ms?: number };

/**
 * Finished diagnoses of an incident. Every run adds a row (history is kept); only validated answers
 * are stored — a provider's error text never becomes a diagnosis, it is recorded in `attempts`.
 */
export const diagnoses = pgTable(
  "diagnoses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    incidentId: uuid("incident_id")
      .notNull()
      .references(() => incidents.id, { onDelete: "cascade" }),
    /** groq, gemini or offline. */
    provider: text("provider").notNull(),
    model: text("model").notNull(),
    severity: text("severity", { enum: severities }).notNull(),
    category: text("category").notNull(),
    confidence: real("confidence").notNull(),
    abstained: boolean("abstained").notNull().default(false),
    /** The validated diagnosis (lib/diagnosis/schema.ts). */
    diagnosis: jsonb("diagnosis").$type<Record<string, unknown>>().notNull(),
    attempts: jsonb("attempts").$type<DiagnosisAttemptRow[]>().notNull().default(sql`'[]'::jsonb`),
    timeToFirstTokenMs: integer("time_to_first_token_ms"),
    totalMs: integer("total_ms").notNull(),
    inputTokens: integer("input_tokens"),
    outputTokens: integer("output_tokens"),
    requestedByKind: text("requested_by_kind", { enum: actorKinds }).notNull(),
    requestedById: text("requested_by_id"),
    requestedByName: text("requested_by_name").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("diagnoses_incident_created_idx").on(t.incidentId, t.createdAt),
    index("diagnoses_workspace_created_idx").on(t.workspaceId, t.createdAt),
  ],
);

export type DiagnosisRow = typeof diagnoses.$inferSelect;
