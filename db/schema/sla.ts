import { index, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAtColumn, idColumn, timeColumn, workspaceColumn } from "./columns";
import { incidents, severities } from "./incidents";

/** The two SLA clocks of an incident: response (until acknowledged) and resolution (until resolved). */
export const slaClocks = ["response", "resolution"] as const;
export type SlaClockName = (typeof slaClocks)[number];

/** Amber at 75 % of the target, red at the breach. */
export const slaLevels = ["warning", "breach"] as const;
export type SlaLevel = (typeof slaLevels)[number];

/**
 * Each SLA threshold an incident crossed, written once by the watcher (the unique index makes a
 * second run, or a second instance, a no-op). The timeline entry it wrote is kept beside it.
 */
export const slaCrossings = pgTable(
  "sla_crossings",
  {
    id: idColumn(),
    workspaceId: workspaceColumn(),
    incidentId: uuid("incident_id")
      .notNull()
      .references(() => incidents.id, { onDelete: "cascade" }),
    clock: text("clock", { enum: slaClocks }).notNull(),
    level: text("level", { enum: slaLevels }).notNull(),
    /** The severity whose target was crossed. */
    severity: text("severity", { enum: severities }).notNull(),
    /** When the threshold was passed (creation + 75 % or 100 % of the target). */
    crossedAt: timeColumn("crossed_at").notNull(),
    timelineEntryId: uuid("timeline_entry_id"),
    createdAt: createdAtColumn(),
  },
  (t) => [
    uniqueIndex("sla_crossings_incident_clock_level_idx").on(t.incidentId, t.clock, t.level),
    index("sla_crossings_workspace_idx").on(t.workspaceId, t.createdAt),
  ],
);

export type SlaCrossing = typeof slaCrossings.$inferSelect;
