import { diagnosisCategories, type ActionType, type DiagnosisCategory } from "../schema";
import { events as makeEvents, type EvalScenario } from "./scenarios";

/**
 * Turns the simulation helper's scenario catalog (lib/simulation/scenarios/) into eval incidents.
 * The catalog is read loosely — any exported array of scenario-like objects with an id, a service,
 * an expected category/root cause, and metrics and/or log lines — so this keeps working while that
 * catalog evolves. Entries without an expected answer are left out.
 */
type Loose = Record<string, unknown>;

const isObj = (v: unknown): v is Loose => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === "string" && v.trim() ? v : undefined);

export function fromSimulationCatalog(mod: Record<string, unknown>): EvalScenario[] {
  const lists = Object.values(mod).filter(Array.isArray) as unknown[][];
  const objects = Object.values(mod).filter((v) => isObj(v) && Object.values(v).every(isObj)) as Loose[];
  const items = [...lists.flat(), ...objects.flatMap((o) => Object.values(o))].filter(isObj);
  const out: EvalScenario[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    const id = str(item.id) ?? str(item.key) ?? str(item.slug);
    if (!id || seen.has(id)) continue;
    const expectedObj = isObj(item.expected) ? item.expected : item;
    const category = str(expectedObj.category) ?? str(item.expected_category) ?? str(item.expectedCategory);
    const cause = str(expectedObj.root_cause) ?? str(expectedObj.rootCause) ?? str(item.expected_root_cause) ?? str(item.expectedRootCause);
    if (!category || !(diagnosisCategories as readonly string[]).includes(category) || !cause) continue;
    seen.add(id);
    const service = str(item.service) ?? str(item.initial_service) ?? str(item.initialService) ?? "unknown";
    const logs = (Array.isArray(item.logs) ? item.logs : Array.isArray(item.events) ? item.events : []) as unknown[];
    const rows: [string, string, string][] = logs
      .map((l): [string, string, string] | null =>
        typeof l === "string"
          ? [service, "ERROR", l]
          : isObj(l) && str(l.message)
            ? [str(l.service) ?? service, (str(l.level) ?? "ERROR").toUpperCase(), str(l.message)!]
            : null,
      )
      .filter((r): r is [string, string, string] => r !== null);
    const actions = (Array.isArray(expectedObj.actions) ? expectedObj.actions : Array.isArray(item.expected_actions) ? item.expected_actions : []) as ActionType[];
    out.push({
      id: `sim:${id}`,
      source: "simulation",
      incident: {
        title: str(item.title) ?? str(item.name) ?? id,
        description: str(item.description) ?? "",
        service,
        severity: "P2",
        metadata: { metrics: item.metrics ?? [], context: isObj(item.context) ? item.context : {} },
      },
      events: makeEvents(`sim-${id}`, rows),
      expected: { category: category as DiagnosisCategory, causes: [cause], actions },
    });
  }
  return out;
}
