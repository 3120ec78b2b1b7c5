import type { Severity, SlaPolicy } from "@/db/schema";
import { DEFAULT_SLA_POLICY, formatMinutes } from "@/lib/incidents/shared";
import { severityPolicy } from "@/lib/sla/shared";

/**
 * One line of the severity policy for the chosen level, where people triage: what it means, its
 * response and resolution targets, who it goes to and what the status page owes.
 */
export function SeverityPolicyLine({ severity, policy = DEFAULT_SLA_POLICY }: { severity: Severity; policy?: SlaPolicy }) {
  const p = severityPolicy[severity];
  const sla = policy[severity];
  return (
    <p className="text-muted-foreground text-xs leading-snug" data-testid="severity-policy-line">
      {p.oneLine}. Respond within {formatMinutes(sla.responseMinutes)}, resolve within {formatMinutes(sla.resolutionMinutes)}. {p.escalation};{" "}
      {p.externalUpdate.charAt(0).toLowerCase() + p.externalUpdate.slice(1)}.
    </p>
  );
}
