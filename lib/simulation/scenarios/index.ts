import { AppError } from "@/lib/errors";
import { scenarioSchema, type Scenario } from "../schemas";
import { airraScenarios } from "./airra";
import { cascadeScenarios } from "./cascades";
import { injectionScenarios } from "./injections";

let parsed: Scenario[] | undefined;

/** The built-in catalog (validated once): AIRRA's five, the twelve cascades, the four injections. */
export function builtinScenarios(): Scenario[] {
  parsed ??= [...airraScenarios, ...cascadeScenarios, ...injectionScenarios].map((s) => scenarioSchema.parse(s));
  return parsed;
}

export function findBuiltinScenario(id: string): Scenario | undefined {
  return builtinScenarios().find((s) => s.id === id);
}

export function getBuiltinScenario(id: string): Scenario {
  const s = findBuiltinScenario(id);
  if (!s) throw new AppError("not_found:scenario", `No scenario "${id}".`);
  return s;
}
