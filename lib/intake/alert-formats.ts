import { hash } from "node:crypto";
import { AppError } from "@/lib/errors";
import { zodIssues } from "@/lib/result";
import type { AlertGroup, NormalizedAlert } from "./alert-groups";
import { alertGroupSchema } from "./schemas";

/** Alertmanager computes fingerprints from labels; older senders omit it, so we do the same. */
function labelFingerprint(labels: Record<string, string>): string {
  const canonical = Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join("\u0000");
  return hash("sha256", canonical, "hex").slice(0, 16);
}

function parseGroup(source: AlertGroup["source"], body: unknown): AlertGroup {
  const parsed = alertGroupSchema.safeParse(body);
  if (!parsed.success) {
    const issues = zodIssues(parsed.error);
    const name = source === "alertmanager" ? "Alertmanager" : "Grafana";
    throw new AppError("unprocessable:payload", `This is not a ${name} webhook payload: ${issues.slice(0, 5).map((i) => `${i.path} ${i.message}`).join("; ")}`, {
      issues,
    });
  }
  const g = parsed.data;
  const sent = (body as { alerts: unknown[] }).alerts;
  const alerts: NormalizedAlert[] = g.alerts.map((a, i) => {
    const { status, labels, annotations, startsAt, endsAt, fingerprint, ...rest } = a;
    const extra: Record<string, unknown> = {};
    if (a.generatorURL) extra.generator_url = a.generatorURL;
    if (source === "grafana") {
      for (const k of ["values", "valueString", "dashboardURL", "panelURL", "silenceURL"]) if (rest[k] != null) extra[k] = rest[k];
    }
    return {
      fingerprint: fingerprint || labelFingerprint(labels),
      status,
      labels,
      annotations,
      startsAt,
      endsAt,
      // The alert exactly as sent (the parsed one has Go's zero time turned into null, numbers into strings).
      raw: sent[i],
      extra,
    };
  });
  return {
    source,
    groupKey: g.groupKey,
    title: g.title ?? undefined,
    receiver: g.receiver ?? undefined,
    externalUrl: g.externalURL ?? undefined,
    groupLabels: g.groupLabels,
    commonLabels: g.commonLabels,
    commonAnnotations: g.commonAnnotations,
    alerts,
  };
}

/** Prometheus Alertmanager webhook (version 4; newer fields are ignored). */
export function parseAlertmanager(body: unknown): AlertGroup {
  return parseGroup("alertmanager", body);
}

/** Grafana alerting webhook (version "1"): Alertmanager's shape plus values, URLs, title and message. */
export function parseGrafana(body: unknown): AlertGroup {
  return parseGroup("grafana", body);
}

export function alertCount(body: unknown): number {
  const alerts = (body as { alerts?: unknown } | null)?.alerts;
  return Array.isArray(alerts) ? Math.max(1, alerts.length) : 1;
}
