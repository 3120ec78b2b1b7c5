/**
 * npm run eval:diagnosis — runs every built-in incident scenario (the reference scenarios, the simulation
 * catalog when present) and a set of realistic incidents outside the catalog through the offline
 * engine, and through Groq / Gemini when their keys are set, and prints the results table.
 */
import { evaluate, summarise, type EvalRow } from "@/lib/diagnosis/eval/run-eval";
import { builtInScenarios, type EvalScenario } from "@/lib/diagnosis/eval/scenarios";
import { abstainIncidents, realisticIncidents } from "@/lib/diagnosis/eval/realistic";
import { holdoutIncidents } from "@/lib/diagnosis/eval/holdout";
import { fromSimulationCatalog } from "@/lib/diagnosis/eval/simulation-adapter";
import { resolveProviders } from "@/lib/diagnosis/providers";
import { builtinScenarios } from "@/lib/simulation/scenarios";

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

function printSummary(label: string, rows: EvalRow[]) {
  const s = summarise(rows);
  console.log(
    `${pad(label, 44)} n=${pad(s.n, 3)} category top-1 ${pad(s.category + "%", 6)} root cause top-1 ${pad(s.top1 + "%", 6)} top-3 ${pad(s.top3 + "%", 6)} actions ${pad(s.actions + "%", 6)} schema-valid ${pad(s.schema + "%", 6)} avg ${s.avgMs} ms, max ${s.maxMs} ms`,
  );
}

async function main() {
  const catalog = [...builtInScenarios, ...simulationScenarios()];
  const providers = resolveProviders();
  const summaries: [string, EvalRow[]][] = [];
  for (const provider of providers) {
    const builtIn: EvalRow[] = [];
    for (const s of catalog) builtIn.push(await evaluate(s, provider));
    printTable(`Built-in scenarios — ${provider.id} (${provider.model})`, builtIn);
    summaries.push([`${provider.id}: built-in catalog`, builtIn]);
    const general: EvalRow[] = [];
    for (const s of [...realisticIncidents, ...abstainIncidents]) general.push(await evaluate(s, provider));
    printTable(`Realistic incidents outside the catalog — ${provider.id}`, general);
    summaries.push([`${provider.id}: outside the catalog (+ abstain cases)`, general]);
    const holdout: EvalRow[] = [];
    for (const s of holdoutIncidents) holdout.push(await evaluate(s, provider));
    printTable(`Held-out incidents — ${provider.id}`, holdout);
    summaries.push([`${provider.id}: held-out set`, holdout]);
  }
  console.log("\nSummary (targets for the offline engine on the catalog: category ≥ 90 %, top-3 ≥ 95 %, schema 100 %)");
  for (const [label, rows] of summaries) printSummary(label, rows);
  const offline = summarise(summaries[summaries.length - 3][1]);
  const pass = offline.category >= 90 && offline.top3 >= 95 && offline.schema === 100;
  console.log(pass ? "\nOffline engine meets the targets." : "\nOffline engine is BELOW target.");
  process.exitCode = pass ? 0 : 1;
}

void main();
