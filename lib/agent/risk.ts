import type { RiskLevel } from "@/db/schema/agent";
import type { ServiceKind } from "@/lib/topology";
import type { CatalogAction } from "./catalog";

const tierFactor: Record<number, number> = { 1: 1.25, 2: 1, 3: 0.8 };

/**
 * A step's risk: the action's inherent risk (AIRRA's what-if table where it has one), weighed by the
 * target's tier, how many services depend on it (its blast radius) and whether the action destroys
 * or moves stored data. Levels: < 0.25 low, < 0.5 medium, < 0.75 high, else critical.
 */
export function riskOf(action: CatalogAction, target: { tier: number; kind: ServiceKind }, dependents: number): { level: RiskLevel; score: number } {
  const raw = action.baseRisk * (tierFactor[target.tier] ?? 1) + 0.02 * Math.min(10, dependents) + (action.stateful ? 0.1 : 0);
  const score = Math.round(Math.min(1, Math.max(0, raw)) * 100) / 100;
  return { level: riskLevel(score), score };
}

export function riskLevel(score: number): RiskLevel {
  if (score < 0.25) return "low";
  if (score < 0.5) return "medium";
  if (score < 0.75) return "high";
  return "critical";
}

const order: Record<RiskLevel, number> = { low: 0, medium: 1, high: 2, critical: 3 };

export function maxRisk(levels: RiskLevel[]): RiskLevel {
  return levels.reduce<RiskLevel>((m, l) => (order[l] > order[m] ? l : m), "low");
}
