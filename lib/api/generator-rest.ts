import type { Generated, GeneratorStatus } from "@/lib/generator";
import { keysToSnake } from "./case";
import { serializeIncident } from "./rest";

/** The generator's status as the REST API returns it. */
export function serializeGeneratorStatus(s: GeneratorStatus) {
  return {
    ...keysToSnake({ ...s, available: undefined, batch: undefined }),
    batch: s.batch ? keysToSnake(s.batch) : null,
    templates_available: s.available.map((t) => t.id),
  };
}

export function serializeGenerated(g: Generated) {
  return { incident: serializeIncident(g.incident), template: g.composed.templateId };
}
