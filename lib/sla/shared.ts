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

export const commsTemplateKeys = ["internal_alert", "status_update", "resolution_notice"] as const;
export type CommsTemplateKey = (typeof commsTemplateKeys)[number];

export const commsTemplateLabels: Record<CommsTemplateKey, string> = {
  internal_alert: "Internal incident alert",
  status_update: "Status update",
  resolution_notice: "Resolution notice",
};

/** The placeholders a template may use; anything else in braces is left as written. */
export const commsPlaceholders = ["key", "title", "severity", "service", "impact", "status", "lead", "link", "war_room", "started", "resolved", "duration", "external_update"] as const;

export const defaultCommsTemplates: Record<CommsTemplateKey, string> = {
  internal_alert: "🚨 INCIDENT ALERT 🚨\nSeverity: {{severity}}\nComponent: {{service}}\nImpact: {{impact}}\nStatus: {{status}}\nLead: {{lead}}\nWar room: {{war_room}}\nLink: {{link}}",
  status_update: "Update on {{key}} ({{severity}}, {{service}}): {{title}}\nStatus: {{status}}\nImpact: {{impact}}\nStarted: {{started}}\nNext update: {{external_update}}\nLead: {{lead}} · {{link}}",
  resolution_notice: "✅ Resolved: {{key}} {{title}}\nService: {{service}} ({{severity}})\nStarted {{started}}, resolved {{resolved}} ({{duration}}).\nImpact: {{impact}}\nA post-mortem will follow. Lead: {{lead}} · {{link}}",
};

export type FilledTemplate = { key: CommsTemplateKey; label: string; text: string };

const statusNames: Record<string, string> = { triage: "Triage", investigating: "Investigating", fixing: "Fixing", resolved: "Resolved", closed: "Closed" };

/** A template with the incident's values in place of its `{{placeholders}}`. */
export function fillTemplate(
  key: CommsTemplateKey,
  template: string,
  incident: { number: number; title: string; severity: "P0" | "P1" | "P2" | "P3"; service: string; description: string; status: string; createdAt: Date; resolvedAt: Date | null },
  extra: { lead: string; link: string },
): FilledTemplate {
  const minutes = Math.round(((incident.resolvedAt ?? new Date()).getTime() - incident.createdAt.getTime()) / 60_000);
  const day = incident.createdAt.toISOString().slice(0, 10);
  const values: Record<string, string> = {
    key: `INC-${incident.number}`,
    title: incident.title,
    severity: incident.severity,
    service: incident.service,
    impact: (incident.description.trim() || incident.title).split("\n")[0].slice(0, 300),
    status: statusNames[incident.status] ?? incident.status,
    lead: extra.lead,
    link: extra.link,
    war_room: `#incident-${day}-${String(incident.number).padStart(3, "0")}`,
    started: `${incident.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC`,
    resolved: incident.resolvedAt ? `${incident.resolvedAt.toISOString().slice(0, 16).replace("T", " ")} UTC` : "not yet",
    duration: minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`,
    external_update: severityPolicy[incident.severity].externalUpdate,
  };
  const text = template.replace(/\{\{\s*([a-z_]+)\s*\}\}/g, (m, name: string) => values[name] ?? m);
  return { key, label: commsTemplateLabels[key], text };
}
