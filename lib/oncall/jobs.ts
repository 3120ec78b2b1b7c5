import type { Database } from "@/db/client";
import { processDeliveries, type DeliveryReport, type DeliveryTransport } from "@/lib/notifications";
import { runEscalations, type EscalationReport } from "./escalation";
import { notifyStatusChanges } from "./watch";

export const ESCALATE_JOB = "escalate";

/** The escalation engine's pass (scheduler and `/api/cron/escalate`): runs, steps, status-change notices. */
export async function runEscalateJob(db: Database, options: { now?: Date } = {}): Promise<EscalationReport & { statusChanges: number }> {
  const report = await runEscalations(db, options);
  const statusChanges = await notifyStatusChanges(db, options);
  return { ...report, statusChanges };
}

/** Outbound deliveries (scheduler and `/api/cron/notify`). */
export async function runNotifyJob(db: Database, options: { now?: Date } & DeliveryTransport = {}): Promise<DeliveryReport> {
  return processDeliveries(db, options);
}
