import { hash } from "node:crypto";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { zodIssues } from "@/lib/result";
import { alertTimeSchema, badCharacter, findBadString, safeString } from "@/lib/validation/strings-and-times";
import type { AlertGroup, NormalizedAlert } from "./alert-groups";

const MAX_ALERTS = 1_000;

/** Label and annotation maps: string values (numbers and booleans are stringified, as people send them). */
const stringMap = z.unknown().optional().transform((m, ctx): Record<string, string> => {
  // One pass instead of record + union + transform: alert bodies carry hundreds of these maps.
  if (m === undefined || m === null) return {};
  if (typeof m !== "object" || Array.isArray(m)) {
    ctx.addIssue({ code: "custom", message: "must be an object of strings" });
    return z.NEVER;
  }
  const out: Record<string, string> = {};
  for (const k in m) {
    const v = (m as Record<string, unknown>)[k];
    const badKey = badCharacter(k);
    if (badKey) {
      ctx.addIssue({ code: "custom", message: `has a key that ${badKey}` });
      return z.NEVER;
    }
    if (typeof v === "string") {
      const bad = badCharacter(v);
      if (bad) {
        ctx.addIssue({ code: "custom", message: bad, path: [k] });
        return z.NEVER;
      }
      out[k] = v;
    } else if (typeof v === "number" || typeof v === "boolean") out[k] = String(v);
    else if (v !== null) {
      ctx.addIssue({ code: "custom", message: `${k} must be a string`, path: [k] });
      return z.NEVER;
    }
  }
  return out;
});

/**
 * Alert times: RFC 3339 real dates from 2000-01-01; Go's zero time ("0001-01-01T00:00:00Z") means
 * "not set" (a firing alert with no end). A start may be at most a day ahead of our clock; an end
 * may be further (a firing alert's predicted end).
 */
const startTime = alertTimeSchema();
const endTime = alertTimeSchema({ maxFutureMs: Number.POSITIVE_INFINITY });

const knownAlertFields = new Set(["status", "labels", "annotations", "startsAt", "endsAt", "generatorURL", "fingerprint"]);

const alertSchema = z
  .looseObject({
    status: z.enum(["firing", "resolved"], { error: 'must be "firing" or "resolved"' }),
    labels: stringMap,
    annotations: stringMap,
    startsAt: startTime,
    endsAt: endTime,
    generatorURL: safeString().max(4_000, "must be at most 4000 characters").optional().nullable(),
    fingerprint: safeString().max(200, "must be at most 200 characters").optional().nullable(),
  })
  .superRefine((a, ctx) => {
    // Fields we do not know are kept in the event's raw payload: they must be storable too.
    for (const k in a) {
      if (knownAlertFields.has(k)) continue;
      const badKey = badCharacter(k);
      if (badKey) {
        ctx.addIssue({ code: "custom", message: `has a key that ${badKey}` });
        return;
      }
      const bad = findBadString((a as Record<string, unknown>)[k]);
      if (bad) {
        ctx.addIssue({ code: "custom", message: bad.message, path: [k, ...bad.path] });
        return;
      }
    }
  });

const groupSchema = z.looseObject({
  version: z.string().optional(),
  groupKey: safeString("is required").min(1, "is required").max(2_000, "must be at most 2000 characters"),
  status: z.string().optional(),
  receiver: safeString().max(1_000, "must be at most 1000 characters").optional().nullable(),
  groupLabels: stringMap,
  commonLabels: stringMap,
  commonAnnotations: stringMap,
  externalURL: safeString().max(4_000, "must be at most 4000 characters").optional().nullable(),
  title: safeString().optional().nullable(),
  alerts: z.array(alertSchema, { error: "must be an array of alerts" }).max(MAX_ALERTS, `must hold at most ${MAX_ALERTS} alerts`),
});

/** Alertmanager computes fingerprints from labels; older senders omit it, so we do the same. */
function labelFingerprint(labels: Record<string, string>): string {
  const canonical = Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join("\u0000");
  return hash("sha256", canonical, "hex").slice(0, 16);
}

function parseGroup(source: AlertGroup["source"], body: unknown): AlertGroup {
  const parsed = groupSchema.safeParse(body);
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
