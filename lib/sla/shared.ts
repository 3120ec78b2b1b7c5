import type { Severity } from "@/db/schema/incidents";
import type { SlaClockName, SlaLevel } from "@/db/schema/sla";

export type { SlaClockName, SlaLevel };

/** Share of the target at which a running clock turns amber. */
export const SLA_WARNING_FRACTION = 0.75;

/**
 * The severity policy: what each level means (the classification criteria), who it goes to, and
 * whether the status page owes an external update. The SLA targets come from the workspace's policy.
 */
export const severityPolicy: Record<Severity, { name: string; oneLine: string; criteria: string[]; escalation: string; externalUpdate: string }> = {
  P0: {
    name: "Critical",
    oneLine: "System down, data loss or a security breach",
    criteria: ["System completely down", "Data loss or corruption", "Security breach"],
    escalation: "Immediate escalation to the on-call engineer",
    externalUpdate: "Status page update immediately",
  },
  P1: {
    name: "High",
    oneLine: "Major functionality impacted, >50 % degradation, many users",
    criteria: ["Major functionality impacted", "Performance degradation >50 %", "Multiple users affected"],
    escalation: "Immediate escalation to the on-call engineer",
    externalUpdate: "Status page update immediately",
  },
  P2: {
    name: "Medium",
    oneLine: "Minor functionality impacted, <50 % degradation, few users",
    criteria: ["Minor functionality impacted", "Performance degradation <50 %", "Few users affected"],
    escalation: "Escalate during business hours",
    externalUpdate: "Status page update within 2 hours",
  },
  P3: {
    name: "Low",
    oneLine: "Cosmetic or documentation issue, a single user",
    criteria: ["Cosmetic issues", "Documentation problems", "Single user affected"],
    escalation: "Standard support queue",
    externalUpdate: "No external communication required",
  },
};

/** The worst SLA state of an open incident that the watcher recorded, for its board card. */
export type SlaAlertView = { incidentId: string; level: SlaLevel; clock: SlaClockName; crossedAt: string };

export function describeCrossing(clock: SlaClockName, level: SlaLevel, severity: Severity, targetLabel: string): string {
  const what = clock === "response" ? "Response" : "Resolution";
  return level === "breach"
    ? `${what} SLA breached: the ${severity} target of ${targetLabel} has passed.`
    : `${what} SLA at 75 %: the ${severity} target of ${targetLabel} is close.`;
}
