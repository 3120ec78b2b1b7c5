import { runProviderChain } from "../chain";
import { analyzeIncident } from "../offline/engine";
import { failureModes } from "../offline/knowledge-base";
import type { ProviderEntry } from "../providers";
import { buildSignals } from "../signals";
import type { EvalScenario } from "./scenarios";

export type EvalRow = {
  id: string;
  source: string;
  provider: string;
  expectedCategory: string;
  predictedCategory: string;
  categoryOk: boolean;
  top1: boolean;
  top3: boolean;
  actionsFound: number;
  actionsExpected: number;
  schemaValid: boolean;
  /** The top hypothesis carries a causal chain from a cause to a symptom (after grounding). */
  chain: boolean;
  abstained: boolean;
  ms: number;
  /** The offline engine alone (analyzeIncident on the same signals), median of three runs. */
  engineMs?: number;
  skipped?: string;
};

/** Runs one scenario through one provider (with the same validation and grounding as production). */
export async function evaluate(scenario: EvalScenario, provider: ProviderEntry): Promise<EvalRow> {
  const signals = buildSignals(scenario.incident, scenario.events, scenario.topology);
  const started = performance.now();
  const answer = await runProviderChain(signals, { providers: [provider] });
  const ms = performance.now() - started;
  const base = {
    id: scenario.id,
    source: scenario.source,
    provider: provider.id,
    expectedCategory: scenario.expected.category,
    actionsExpected: scenario.expected.actions.length,
    ms,
    ...(provider.id === "offline" ? { engineMs: engineTime(signals) } : {}),
  };
  if (!answer) {
    return { ...base, predictedCategory: "—", categoryOk: false, top1: false, top3: false, actionsFound: 0, schemaValid: false, chain: false, abstained: false, skipped: "no valid answer" };
  }
  const d = answer.diagnosis;
  const causes = d.hypotheses.map((h) => normaliseCause(h.cause));
  const expected = scenario.expected.causes.map(normaliseCause);
  const types = new Set(d.recommended_actions.map((a) => a.type));
  const abstainCase = expected.length === 0;
  return {
    ...base,
    predictedCategory: d.category,
    categoryOk: d.category === scenario.expected.category || (scenario.expected.alsoAccepted ?? []).includes(d.category),
    top1: abstainCase ? d.abstained : expected.includes(causes[0]),
    top3: abstainCase ? d.abstained : causes.slice(0, 3).some((c) => expected.includes(c)),
    actionsFound: scenario.expected.actions.filter((a) => types.has(a)).length,
    schemaValid: true,
    chain: hasChain(d),
    abstained: d.abstained,
  };
}

function hasChain(d: { abstained: boolean; hypotheses: { causal_chain?: { role: string }[] }[] }): boolean {
  const roles = (d.hypotheses[0]?.causal_chain ?? []).map((s) => s.role);
  return roles[0] === "cause" && roles[roles.length - 1] === "symptom";
}

function engineTime(signals: Parameters<typeof analyzeIncident>[0]): number {
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    analyzeIncident(signals);
    runs.push(performance.now() - started);
  }
  return median(runs);
}

export function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** LLMs name causes freely; map the usual synonyms onto the knowledge base's ids. */
export function normaliseCause(cause: string): string {
  const c = cause.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "");
  const aliases: [RegExp, string][] = [
    [/memory_leak|oom|out_of_memory/, "memory_leak"],
    [/gc|garbage/, "gc_pressure"],
    [/traffic|surge|load_spike|capacity/, "traffic_surge"],
    [/deploy|release|rollout|crash_?loop|regression/, "deployment_issue"],
    [/slow_quer|database_perf|query|db_latency|database_latency|missing_index/, "database_performance"],
    [/pool|connection_exhaust|too_many_conn|idle_conn/, "connection_pool_exhaustion"],
    [/external|third_party|upstream_timeout|vendor|stripe/, "external_dependency_failure"],
    [/rate_limit|429|quota/, "upstream_rate_limit"],
    [/bloat|vacuum|dead_tuple/, "table_bloat"],
    [/disk|no_space|storage_full/, "disk_full"],
    [/cache_mem|maxmemory|evict/, "cache_memory_full"],
    [/cache|redis/, "cache_failure"],
    [/lag|backlog|consumer/, "queue_backlog"],
  ];
  if (failureModes.some((m) => m.cause === c)) return c;
  for (const [re, id] of aliases) if (re.test(c)) return id;
  return c;
}

export type EvalSummary = {
  n: number;
  category: number;
  top1: number;
  top3: number;
  schema: number;
  /** Non-abstaining answers whose top hypothesis carries a cause → … → symptom chain (null: not recorded). */
  chain: number | null;
  actions: number;
  avgMs: number;
  maxMs: number;
  /** Median time of the offline engine alone, when measured. */
  medianEngineMs: number | null;
};

export function summarise(rows: EvalRow[]): EvalSummary {
  const n = rows.length || 1;
  const pct = (k: number) => Math.round((k / n) * 1000) / 10;
  const expected = rows.reduce((s, r) => s + r.actionsExpected, 0) || 1;
  return {
    n: rows.length,
    category: pct(rows.filter((r) => r.categoryOk).length),
    top1: pct(rows.filter((r) => r.top1).length),
    top3: pct(rows.filter((r) => r.top3).length),
    schema: pct(rows.filter((r) => r.schemaValid).length),
    chain: (() => {
      const answered = rows.filter((r) => r.schemaValid && !r.abstained);
      return answered.length ? Math.round((answered.filter((r) => r.chain).length / answered.length) * 1000) / 10 : 0;
    })(),
    actions: Math.round((rows.reduce((s, r) => s + r.actionsFound, 0) / expected) * 1000) / 10,
    avgMs: Math.round((rows.reduce((s, r) => s + r.ms, 0) / n) * 10) / 10,
    maxMs: Math.round(Math.max(0, ...rows.map((r) => r.ms)) * 10) / 10,
    medianEngineMs: rows.some((r) => r.engineMs !== undefined)
      ? Math.round(median(rows.flatMap((r) => (r.engineMs === undefined ? [] : [r.engineMs]))) * 100) / 100
      : null,
  };
}

/** Expected category → predicted category → count. */
export function confusion(rows: Pick<EvalRow, "expectedCategory" | "predictedCategory">[]): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const row = out.get(r.expectedCategory) ?? new Map<string, number>();
    row.set(r.predictedCategory, (row.get(r.predictedCategory) ?? 0) + 1);
    out.set(r.expectedCategory, row);
  }
  return out;
}
