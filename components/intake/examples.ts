/** The intake endpoints and a curl example for each, as shown on the settings page and in the docs. */
export type IntakeExample = { id: string; name: string; path: string; description: string; body: string };

const now = "2026-11-20T10:02:11Z";

export const intakeExamples: IntakeExample[] = [
  {
    id: "events",
    name: "Generic events",
    path: "/api/v1/events",
    description: "One event or an array of up to 1,000. Five events at ERROR or above within 5 minutes open an incident (rules below).",
    body: JSON.stringify([{ service: "checkout", level: "error", message: "payment gateway timeout", timestamp: now, attributes: { region: "eu-west-1" } }]),
  },
  {
    id: "alertmanager",
    name: "Prometheus Alertmanager",
    path: "/api/v1/integrations/alertmanager",
    description: "A webhook receiver (http_config.authorization.credentials = your key). One incident per alert group; resolves when every alert does.",
    body: JSON.stringify({
      version: "4",
      groupKey: '{}:{alertname="HighErrorRate"}',
      status: "firing",
      receiver: "firedrill",
      groupLabels: { alertname: "HighErrorRate" },
      commonLabels: { alertname: "HighErrorRate", service: "checkout", severity: "critical" },
      commonAnnotations: { summary: "High 5xx rate on checkout" },
      externalURL: "http://alertmanager:9093",
      alerts: [
        { status: "firing", labels: { alertname: "HighErrorRate", service: "checkout", severity: "critical" }, annotations: {}, startsAt: now, endsAt: "0001-01-01T00:00:00Z", fingerprint: "6f2ce4d3a1b07e55" },
      ],
    }),
  },
  {
    id: "grafana",
    name: "Grafana alerting",
    path: "/api/v1/integrations/grafana",
    description: "A webhook contact point with an Authorization header. Runbook URLs in annotations are kept on the incident.",
    body: JSON.stringify({
      version: "1",
      groupKey: '{}:{alertname="High memory usage"}',
      status: "firing",
      receiver: "firedrill",
      commonLabels: { alertname: "High memory usage", service: "payment-service", severity: "warning" },
      commonAnnotations: { runbook_url: "https://runbooks.example.com/memory" },
      alerts: [
        { status: "firing", labels: { alertname: "High memory usage", service: "payment-service" }, annotations: { summary: "Heap at 95%" }, startsAt: now, endsAt: "0001-01-01T00:00:00Z", fingerprint: "c6eadffa33fcdf37", values: { B: 95.2 } },
      ],
    }),
  },
  {
    id: "pagerduty",
    name: "PagerDuty Events API v2",
    path: "/api/v1/integrations/pagerduty",
    description: "trigger / acknowledge / resolve by dedup_key. The key may also travel as routing_key, for tools that only speak PagerDuty.",
    body: JSON.stringify({
      event_action: "trigger",
      dedup_key: "srv01/mysql",
      payload: { summary: "DISK at 99% on prod-datapipe03", source: "prod-datapipe03", severity: "critical", component: "mysql" },
    }),
  },
];

export function curlExample(origin: string, example: IntakeExample, key: string): string {
  return [`curl -sS -X POST '${origin}${example.path}'`, `  -H 'Authorization: Bearer ${key}'`, "  -H 'Content-Type: application/json'", `  -d '${example.body.replace(/'/g, "'\\''")}'`].join(" \\\n");
}
