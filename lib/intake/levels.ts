import type { EventLevel, Severity } from "@/db/schema";
import { eventLevels } from "@/db/schema";

/** Words monitoring tools use for levels, mapped onto ours (lower-case keys). */
const aliases: Record<string, EventLevel> = {
  debug: "DEBUG",
  trace: "DEBUG",
  verbose: "DEBUG",
  info: "INFO",
  information: "INFO",
  informational: "INFO",
  notice: "INFO",
  ok: "INFO",
  warn: "WARNING",
  warning: "WARNING",
  err: "ERROR",
  error: "ERROR",
  crit: "CRITICAL",
  critical: "CRITICAL",
  alert: "CRITICAL",
  severe: "CRITICAL",
  fatal: "FATAL",
  emerg: "FATAL",
  emergency: "FATAL",
  panic: "FATAL",
};

export function normalizeLevel(value: string): EventLevel | undefined {
  return aliases[value.trim().toLowerCase()];
}

export const levelAliases = Object.keys(aliases);

export function levelRank(level: EventLevel): number {
  return eventLevels.indexOf(level);
}

/** Severity of an incident opened by events, from the worst level among them. */
export function severityForLevel(level: EventLevel): Severity {
  switch (level) {
    case "FATAL":
      return "P0";
    case "CRITICAL":
      return "P1";
    case "ERROR":
      return "P2";
    default:
      return "P3";
  }
}

/**
 * Severity words of alerting tools (Alertmanager/Grafana `severity` labels, PagerDuty severities)
 * mapped to P0–P3. A label that already says P0–P3 (or SEV0–SEV3) is kept.
 */
export function severityFromAlert(value: string | undefined, fallback: Severity = "P2"): Severity {
  if (!value) return fallback;
  const v = value.trim().toLowerCase();
  const p = /^(?:p|sev-?)([0-3])$/.exec(v);
  if (p) return `P${p[1]}` as Severity;
  if (["critical", "crit", "fatal", "emergency", "page", "disaster"].includes(v)) return "P0";
  if (["high", "error", "err", "major"].includes(v)) return "P1";
  if (["warning", "warn", "medium", "average", "minor"].includes(v)) return "P2";
  if (["info", "low", "information", "informational", "none", "notice"].includes(v)) return "P3";
  return fallback;
}

/** Event level of a firing alert of that severity. */
export function levelForSeverity(severity: Severity): EventLevel {
  return severity === "P0" ? "CRITICAL" : severity === "P1" ? "ERROR" : severity === "P2" ? "WARNING" : "INFO";
}
