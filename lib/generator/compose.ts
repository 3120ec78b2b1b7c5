import type { Severity } from "@/db/schema";
import { between, pick, seededRandom } from "./random";
import { incidentTemplates, type IncidentTemplate } from "./templates";

/** A scenario of the catalog, as far as the generator needs it. */
export type CatalogScenario = { id: string; name: string; description: string; root_service: string; severity: "critical" | "high" | "medium" | "low" };

export type ComposedIncident = {
  templateId: string;
  service: string;
  title: string;
  description: string;
  severity: Severity;
  category: string;
  /** Log lines sent through intake, in order. */
  logs: string[];
  metrics: Record<string, string>;
};

const scenarioSeverity: Record<CatalogScenario["severity"], Severity> = { critical: "P0", high: "P1", medium: "P2", low: "P3" };

/** The catalog scenarios as generator templates (`scenario:<id>`): the scenario's own words, on its root service. */
export function scenarioTemplate(s: CatalogScenario): IncidentTemplate {
  const sev = scenarioSeverity[s.severity];
  return {
    id: `scenario:${s.id}`,
    label: `Scenario: ${s.name}`,
    service: s.root_service,
    category: "other",
    severities: [sev],
    titles: [s.name, `${s.name} ({rate}% errors)`],
    details: [s.description],
    logs: [`${s.root_service}: error rate above threshold ({rate}%)`, `${s.root_service}: request failed after {ms}ms`, `health check failed for ${s.root_service}`],
    numbers: { rate: [4, 45], ms: [300, 4000] },
  };
}

export function allTemplates(catalog: CatalogScenario[]): IncidentTemplate[] {
  return [...incidentTemplates, ...catalog.map(scenarioTemplate)];
}

function fill(text: string, values: Record<string, number>): string {
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

const openers = ["", "Monitoring reports: ", "Alert fired: ", "Automated check: "];
const closers = ["", " Customers may notice.", " No customer reports yet.", " Started within the last few minutes."];

/**
 * Writes one incident from a template, deterministically from `seed`: the same template and seed
 * give the same title, description, severity, log lines and figures.
 */
export function composeIncident(template: IncidentTemplate, seed: number): ComposedIncident {
  const rand = seededRandom(seed);
  const values: Record<string, number> = {};
  for (const [k, [lo, hi]] of Object.entries(template.numbers)) values[k] = between(rand, lo, hi);
  const title = fill(pick(rand, template.titles), values);
  const description = `${pick(rand, openers)}${fill(pick(rand, template.details), values)}${pick(rand, closers)}`.trim();
  const severity = pick(rand, template.severities);
  const count = 6 + Math.floor(rand() * 4);
  const logs = Array.from({ length: count }, (_, i) => fill(template.logs[(i + Math.floor(rand() * template.logs.length)) % template.logs.length], values));
  const metrics: Record<string, string> = {};
  if (template.metric) metrics[template.metric.name] = fill(template.metric.value, values);
  return { templateId: template.id, service: template.service, title: title.slice(0, 200), description: description.slice(0, 4000), severity, category: template.category, logs, metrics };
}

/** The template for the `n`-th incident of a sequence seeded by `seed`, drawn from `ids` (all when empty). */
export function chooseTemplate(templates: IncidentTemplate[], ids: string[], seed: number): IncidentTemplate {
  const pool = ids.length ? templates.filter((t) => ids.includes(t.id)) : templates;
  return pick(seededRandom(seed ^ 0x9e3779b9), pool.length ? pool : templates);
}

/** The delay before the next incident: uniform in [min, max] seconds, drawn from the seed. */
export function nextDelayMs(minSeconds: number, maxSeconds: number, seed: number): number {
  const rand = seededRandom(seed ^ 0x85ebca6b);
  return Math.round((minSeconds + rand() * Math.max(0, maxSeconds - minSeconds)) * 1000);
}

export { incidentTemplates };
