import type { PlanStatus } from "@/db/schema/agent";
import { AppError } from "@/lib/errors";

/**
 * The plan's state machine. Every change of status in lib/agent asks `assertTransition` first, and
 * the writes themselves are conditional on the status read (`… WHERE status = <from>`), so a
 * transition that was legal when checked cannot happen twice.
 */
export const transitions: Record<PlanStatus, readonly PlanStatus[]> = {
  planning: ["awaiting_approval", "approved", "advisory", "failed"],
  awaiting_approval: ["approved", "rejected", "expired"],
  approved: ["executing"],
  rejected: [],
  expired: [],
  advisory: [],
  executing: ["verifying", "failed"],
  verifying: ["succeeded", "failed"],
  succeeded: ["rolled_back"],
  failed: ["rolled_back"],
  rolled_back: [],
};

export function canTransition(from: PlanStatus, to: PlanStatus): boolean {
  return transitions[from].includes(to);
}

const describe: Record<PlanStatus, string> = {
  planning: "is still being planned",
  awaiting_approval: "is waiting for approval",
  approved: "is already approved",
  rejected: "was rejected",
  expired: "has expired",
  advisory: "is advisory: its steps are a checklist to carry out by hand",
  executing: "is executing",
  verifying: "is being verified",
  succeeded: "has already succeeded",
  failed: "has failed",
  rolled_back: "was rolled back",
};

const verbs: Partial<Record<PlanStatus, string>> = {
  approved: "approved",
  rejected: "rejected",
  expired: "expired",
  executing: "executed",
  rolled_back: "rolled back",
};

/** Refuses an illegal move with a 409 that says what state the plan is in. */
export function assertTransition(from: PlanStatus, to: PlanStatus): void {
  if (canTransition(from, to)) return;
  throw new AppError("conflict:plan", `This plan ${describe[from]}: it cannot be ${verbs[to] ?? `moved to ${to.replace("_", " ")}`}.`, {
    details: { status: from },
  });
}

export const finalStatuses: readonly PlanStatus[] = ["rejected", "expired", "advisory", "rolled_back"];
