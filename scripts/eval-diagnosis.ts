/**
 * npm run eval:diagnosis — runs every built-in incident scenario (the reference scenarios, the simulation
 * catalog), the realistic incidents outside the catalog, the held-out set and the root-cause set through
 * the offline engine, and through Groq / Gemini when their keys are set, and prints the results.
 *
 * The root-cause set (lib/diagnosis/eval/root-cause-set.ts) was written before the engine's causal
 * reasoning; its first-run result is recorded (root-cause-first-run.ts) and printed beside today's.
 * The blind set (root-cause-blind.ts) was written after it and run once (root-cause-blind-first-run.ts).
 */
// Scripts import the modules that define what they use (they sit outside the features' walls).
import { confusion, evaluate, summarise, type EvalRow, type EvalSummary } from "@/lib/diagnosis/eval/run-eval";
import { builtInScenarios, type EvalScenario } from "@/lib/diagnosis/eval/scenarios";
import { abstainIncidents, realisticIncidents } from "@/lib/diagnosis/eval/realistic";
import { holdoutIncidents } from "@/lib/diagnosis/eval/holdout";
import { rootCauseSet, type RootCauseCase } from "@/lib/diagnosis/eval/root-cause-set";
import { rootCauseFirstRun, type RecordedRun } from "@/lib/diagnosis/eval/root-cause-first-run";
import { rootCauseBlindSet } from "@/lib/diagnosis/eval/root-cause-blind";
import { rootCauseBlindFirstRun } from "@/lib/diagnosis/eval/root-cause-blind-first-run";
import { fromSimulationCatalog } from "@/lib/diagnosis/eval/simulation-adapter";
import { resolveProviders } from "@/lib/diagnosis/providers";
import { diagnosisCategories } from "@/lib/diagnosis/schema";
import { builtinScenarios } from "@/lib/simulation/scenarios";

/** Targets for the offline engine. */
const TARGETS = { catalogCategory: 95, catalogTop3: 95, rootCauseCategory: 85, schema: 100, medianEngineMs: 5 };

function simulationScenarios(): EvalScenario[] {
  return fromSimulationCatalog(builtinScenarios());
}

function pad(s: string | number, n: number): string {
  const t = String(s);
  return t.length >= n ? t.slice(0, n) : t + " ".repeat(n - t.length);
}

function printTable(title: string, rows: EvalRow[]) {
  console.log(`\n${title}`);
  console.log(
    [pad("scenario", 30), pad("provider", 8), pad("expected", 20), pad("predicted", 20), pad("top1", 5), pad("top3", 5), pad("actions", 8), pad("schema", 7), "ms"].join(" "),
  );
  for (const r of rows) {
    console.log(
      [
        pad(r.id, 30),
        pad(r.provider, 8),
        pad(r.expectedCategory, 20),
        pad(r.predictedCategory + (r.categoryOk ? "" : " ✗"), 20),
        pad(r.top1 ? "✓" : "✗", 5),
        pad(r.top3 ? "✓" : "✗", 5),
        pad(`${r.actionsFound}/${r.actionsExpected}`, 8),
        pad(r.schemaValid ? "✓" : "✗", 7),
        r.ms.toFixed(1) + (r.skipped ? `  (${r.skipped})` : ""),
      ].join(" "),
    );
  }
}

/** A recorded set: what the engine answered at first run and what it answers now, case by case. */
function printRootCauseTable(title: string, rows: EvalRow[], recorded: RecordedRun, cases: RootCauseCase[]) {
  const first = new Map(recorded.rows.map((r) => [r.id, r]));
  console.log(`\n${title} — first run (recorded ${recorded.recordedAt}, engine ${recorded.engineCommit}) vs now (offline)`);
  console.log([pad("scenario", 30), pad("hard", 5), pad("expected", 20), pad("first run", 22), pad("now", 22), pad("top3 then", 10), "top3 now"].join(" "));
  for (const r of rows) {
    const f = first.get(r.id);
    const c = cases.find((x) => x.id === r.id);
    console.log(
      [
        pad(r.id, 30),
        pad(c?.hard ? "hard" : "", 5),
        pad(r.expectedCategory, 20),
        pad(f ? f.predictedCategory + (f.categoryOk ? "" : " ✗") : "—", 22),
        pad(r.predictedCategory + (r.categoryOk ? "" : " ✗"), 22),
        pad(f ? (f.top3 ? "✓" : "✗") : "—", 10),
        r.top3 ? "✓" : "✗",
      ].join(" "),
    );
  }
}

const SHORT: Record<string, string> = {
  database: "db",
  memory: "mem",
  "cpu/capacity": "cpu",
  latency: "lat",
  deployment: "depl",
  "dependency/external": "ext",
  network: "net",
  disk: "disk",
  cache: "cache",
  "queue/backlog": "queue",
  "auth/security": "auth",
  configuration: "conf",
  other: "other",
};

/** Rows: expected category; columns: predicted category. */
function printConfusion(title: string, rows: Pick<EvalRow, "expectedCategory" | "predictedCategory">[]) {
  const matrix = confusion(rows);
  const cols = diagnosisCategories.filter((c) => rows.some((r) => r.predictedCategory === c || r.expectedCategory === c));
  console.log(`\n${title} (rows: expected, columns: predicted)`);
  console.log([pad("", 7), ...cols.map((c) => pad(SHORT[c], 6))].join(""));
  for (const expected of cols) {
    const row = matrix.get(expected);
    if (!row) continue;
    console.log([pad(SHORT[expected], 7), ...cols.map((c) => pad(row.get(c) ? String(row.get(c)) : "·", 6))].join(""));
  }
}

function line(label: string, s: EvalSummary) {
  const engine = s.medianEngineMs === null ? "—" : `${s.medianEngineMs} ms`;
  console.log(
    `${pad(label, 46)} n=${pad(s.n, 3)} category top-1 ${pad(s.category + "%", 6)} root cause top-1 ${pad(s.top1 + "%", 6)} top-3 ${pad(s.top3 + "%", 6)} actions ${pad(s.actions + "%", 6)} schema-valid ${pad(s.schema + "%", 6)} chain ${pad(s.chain === null ? "—" : s.chain + "%", 6)} median engine ${pad(engine, 8)} (full chain avg ${s.avgMs} ms)`,
  );
}

function recordedSummary(recorded: RecordedRun): EvalSummary {
  const rows = recorded.rows;
  const n = rows.length || 1;
  const pct = (k: number) => Math.round((k / n) * 1000) / 10;
  return {
    n: rows.length,
    category: pct(rows.filter((r) => r.categoryOk).length),
    top1: pct(rows.filter((r) => r.top1).length),
    top3: pct(rows.filter((r) => r.top3).length),
    schema: pct(rows.filter((r) => r.schemaValid).length),
    chain: null,
    actions: recorded.actions,
    avgMs: recorded.avgMs,
    maxMs: 0,
    medianEngineMs: recorded.medianEngineMs,
  };
}

async function main() {
  const catalog = [...builtInScenarios, ...simulationScenarios()];
  const providers = resolveProviders();
  const summaries: [string, EvalRow[]][] = [];
  let offline: { catalog: EvalRow[]; rootCause: EvalRow[]; blind: EvalRow[] } | null = null;
  for (const provider of providers) {
    const run = async (set: EvalScenario[]) => {
      const rows: EvalRow[] = [];
      for (const s of set) rows.push(await evaluate(s, provider));
      return rows;
    };
    const builtIn = await run(catalog);
    printTable(`Built-in scenarios — ${provider.id} (${provider.model})`, builtIn);
    summaries.push([`${provider.id}: built-in catalog`, builtIn]);
    const general = await run([...realisticIncidents, ...abstainIncidents]);
    printTable(`Realistic incidents outside the catalog — ${provider.id}`, general);
    summaries.push([`${provider.id}: outside the catalog (+ abstain cases)`, general]);
    const holdout = await run(holdoutIncidents);
    printTable(`Held-out incidents — ${provider.id}`, holdout);
    summaries.push([`${provider.id}: held-out set`, holdout]);
    const rootCause = await run(rootCauseSet);
    const blind = await run(rootCauseBlindSet);
    if (provider.id === "offline") {
      printRootCauseTable("Root-cause set", rootCause, rootCauseFirstRun, rootCauseSet);
      printRootCauseTable("Blind set", blind, rootCauseBlindFirstRun, rootCauseBlindSet);
      offline = { catalog: builtIn, rootCause, blind };
    } else {
      printTable(`Root-cause set — ${provider.id}`, rootCause);
      printTable(`Blind set — ${provider.id}`, blind);
    }
    summaries.push([`${provider.id}: root-cause set`, rootCause]);
    summaries.push([`${provider.id}: blind set`, blind]);
  }

  console.log("\nSummary");
  for (const [label, rows] of summaries) line(label, summarise(rows));
  if (!offline) return;

  const hardIds = new Set(rootCauseSet.filter((c) => c.hard).map((c) => c.id));
  const firstHard = rootCauseFirstRun.rows.filter((r) => hardIds.has(r.id));
  const catalogNow = summarise(offline.catalog);
  const first = recordedSummary(rootCauseFirstRun);
  const now = summarise(offline.rootCause);
  console.log("\nOffline engine: catalog, first run and now, side by side");
  line("built-in catalog (now)", catalogNow);
  line(`root-cause set, first run (engine ${rootCauseFirstRun.engineCommit})`, first);
  line("root-cause set, now", now);
  line(`blind set, first run (engine ${rootCauseBlindFirstRun.engineCommit})`, recordedSummary(rootCauseBlindFirstRun));
  line("blind set, now", summarise(offline.blind));
  console.log(
    `  of which hard (${hardIds.size}): category top-1 ${pad(Math.round((firstHard.filter((r) => r.categoryOk).length / (firstHard.length || 1)) * 1000) / 10 + "%", 6)} at first run, ${Math.round((offline.rootCause.filter((r) => hardIds.has(r.id) && r.categoryOk).length / (hardIds.size || 1)) * 1000) / 10}% now`,
  );
  printConfusion("Root-cause set, first run: confusion between categories", rootCauseFirstRun.rows.map((r) => ({ expectedCategory: r.expectedCategory, predictedCategory: r.predictedCategory })));
  printConfusion("Root-cause set, now: confusion between categories", offline.rootCause);
  printConfusion("Blind set, now: confusion between categories", offline.blind);

  const allEngine = summarise(summaries.filter(([l]) => l.startsWith("offline")).flatMap(([, rows]) => rows)).medianEngineMs ?? 0;
  const checks: [string, boolean][] = [
    [`catalog category top-1 ≥ ${TARGETS.catalogCategory} % (${catalogNow.category} %)`, catalogNow.category >= TARGETS.catalogCategory],
    [`catalog root cause top-3 ≥ ${TARGETS.catalogTop3} % (${catalogNow.top3} %)`, catalogNow.top3 >= TARGETS.catalogTop3],
    [`root-cause set category top-1 ≥ ${TARGETS.rootCauseCategory} % (${now.category} %)`, now.category >= TARGETS.rootCauseCategory],
    [`schema-valid ${TARGETS.schema} % everywhere`, summaries.every(([l, rows]) => !l.startsWith("offline") || summarise(rows).schema === TARGETS.schema)],
    [`median engine time < ${TARGETS.medianEngineMs} ms (${allEngine} ms)`, allEngine < TARGETS.medianEngineMs],
  ];
  console.log("\nTargets (offline engine)");
  for (const [label, ok] of checks) console.log(`  ${ok ? "✓" : "✗"} ${label}`);
  const pass = checks.every(([, ok]) => ok);
  console.log(pass ? "\nOffline engine meets the targets." : "\nOffline engine is BELOW target.");
  process.exitCode = pass ? 0 : 1;
}

void main();
