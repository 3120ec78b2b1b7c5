/**
 * The simulator in a terminal, for demos: talks to a running Firedrill over its REST API.
 *
 *   npm run sim -- list [--difficulty beginner] [--tag cascade]
 *   npm run sim -- run memory_leak_gradual [--speed 10] [--seed 7] [--analyze] [--url http://localhost:3000] [--key fd_live_…]
 *   npm run sim -- interactive
 *
 * --url defaults to $FIREDRILL_URL or http://localhost:3000; --key to $FIREDRILL_API_KEY (an API key
 * with the "write" scope: while the app runs, create one in Settings → API keys; with the app stopped,
 * `npm run firedrill -- apikey create --workspace acme --name sim --scope write` works too).
 */
import readline from "node:readline/promises";
import { parseArgs } from "node:util";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    url: { type: "string" },
    key: { type: "string" },
    speed: { type: "string" },
    seed: { type: "string" },
    analyze: { type: "boolean", default: false },
    difficulty: { type: "string" },
    tag: { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  },
});

const baseUrl = (values.url ?? process.env.FIREDRILL_URL ?? "http://localhost:3000").replace(/\/+$/, "");
const apiKey = values.key ?? process.env.FIREDRILL_API_KEY ?? "";
const tty = process.stdout.isTTY;
const c = (code: number) => (s: string | number) => (tty ? `\x1b[${code}m${s}\x1b[0m` : String(s));
const bold = c(1);
const dim = c(2);
const red = c(31);
const green = c(32);
const yellow = c(33);
const cyan = c(36);

type Summary = { id: string; name: string; kind: string; service: string; severity: string; difficulty: string; tags: string[]; duration_seconds: number; metric_count: number };
type Run = {
  simulation_id: string;
  scenario_name: string;
  status: string;
  waiting_for_remediation: boolean;
  speed: number;
  seed: number;
  elapsed_seconds: number;
  duration_seconds: number;
  progress: number;
  health: Record<string, number>;
  health_threshold: number;
  unhealthy: string[];
  events_emitted: number;
  incident_id: string | null;
  incidents: { id: string; number: number; service: string; system: string; world_ms: number }[];
  diagnosis: { status: string; summary?: string; incidentId?: string } | null;
  kind: string;
  error: string | null;
};

async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${baseUrl}/api/v1${path}`, {
    method,
    headers: { ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}), ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  }).catch((e: Error) => {
    throw new Error(`Cannot reach ${baseUrl}: ${e.message}. Is Firedrill running? (--url)`);
  });
  const text = await res.text();
  const data = text ? (JSON.parse(text) as unknown) : {};
  if (!res.ok) {
    const err = data as { error?: string; issues?: { path: string; message: string }[] };
    const issues = err.issues?.map((i) => `\n  ${i.path}: ${i.message}`).join("") ?? "";
    throw new Error(`${res.status} ${err.error ?? res.statusText}${issues}${res.status === 401 ? `\n  Pass an API key with the "write" scope (--key or FIREDRILL_API_KEY): create one in Settings → API keys (${baseUrl}/settings/api-keys).` : ""}`);
  }
  return data as T;
}

function pad(s: string, n: number): string {
  const visible = s.replace(/\x1b\[[0-9;]*m/g, "");
  return s + " ".repeat(Math.max(0, n - visible.length));
}

const sevColor: Record<string, (s: string | number) => string> = { critical: red, high: yellow, medium: cyan, low: dim };

async function list(): Promise<Summary[]> {
  const q = new URLSearchParams();
  if (values.difficulty) q.set("difficulty", values.difficulty);
  if (values.tag) q.set("tag", values.tag);
  const { items } = await api<{ items: Summary[] }>("GET", `/scenarios${q.size ? `?${q}` : ""}`);
  const rows = items.map((s, i) => [String(i + 1), s.id, s.service, (sevColor[s.severity] ?? String)(s.severity), s.difficulty, `${s.duration_seconds >= 86_400 ? "until cleared" : `${s.duration_seconds}s`}`, s.tags.join(",")]);
  const head = ["#", "scenario", "service", "severity", "difficulty", "duration", "tags"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].replace(/\x1b\[[0-9;]*m/g, "").length)));
  process.stdout.write(bold(head.map((h, i) => pad(h, widths[i])).join("  ")) + "\n");
  for (const r of rows) process.stdout.write(r.map((cell, i) => pad(cell, widths[i])).join("  ") + "\n");
  return items;
}

function bar(progress: number, width = 30): string {
  const full = Math.round(progress * width);
  return `[${"█".repeat(full)}${"░".repeat(width - full)}]`;
}

function render(run: Run): string[] {
  const worst = Object.entries(run.health).sort((a, b) => a[1] - b[1]).slice(0, 5);
  const lines = [
    `${bold(run.scenario_name)} ${dim(`· ${run.speed}× · seed ${run.seed} · ${run.simulation_id}`)}`,
    `${bar(run.progress)} ${Math.round(run.elapsed_seconds)}s / ${run.kind === "injection" ? "∞" : `${Math.round(run.duration_seconds)}s`}  ${run.waiting_for_remediation ? yellow("waiting for remediation") : run.status === "running" ? cyan(run.status) : green(run.status)}`,
    // Once the run has ended the health map holds its last readings: colour by what the run reports
    // as unhealthy, so the final frame never shows a red 0 % beside "unhealthy: none".
    `metrics injected → health checks${run.status === "running" ? "" : " (last reading)"}: ${worst
      .map(([s, h]) => ((run.status === "running" ? h < run.health_threshold : run.unhealthy.includes(s)) ? red(`${s} ${Math.round(h)}%`) : green(`${s} ${Math.round(h)}%`)))
      .join("  ")}`,
    `events sent to intake: ${run.events_emitted}   unhealthy: ${run.unhealthy.length ? red(run.unhealthy.join(", ")) : green("none")}`,
  ];
  if (run.incidents.length === 0) lines.push(dim("incident: waiting for the threshold (5 errors within 5 simulated minutes)…"));
  for (const i of run.incidents) lines.push(`${yellow("incident opened")} INC-${i.number} on ${bold(i.service)} at ${Math.round(i.world_ms / 1000)}s → ${cyan(`${baseUrl}/incidents/${i.id}`)}`);
  if (run.diagnosis) {
    const d = run.diagnosis;
    lines.push(d.status === "done" ? `${green("diagnosis")}: ${d.summary ?? "ready on the incident page"}` : `diagnosis: ${d.status}`);
  }
  if (run.error) lines.push(red(`error: ${run.error}`));
  return lines;
}

async function run(id: string) {
  const body: Record<string, unknown> = { auto_analyze: values.analyze };
  if (values.speed) body.speed = Number(values.speed);
  if (values.seed) body.seed = Number(values.seed);
  const started = await api<{ simulation_id: string }>("POST", `/scenarios/${encodeURIComponent(id)}/start`, body);
  let stopping = false;
  process.on("SIGINT", async () => {
    if (stopping) process.exit(130);
    stopping = true;
    process.stdout.write(`\n${yellow("stopping…")}\n`);
    await api("POST", `/simulations/${started.simulation_id}/stop`).catch(() => undefined);
    process.exit(130);
  });
  let printed = 0;
  let last = "";
  for (;;) {
    const state = await api<Run>("GET", `/simulations/${started.simulation_id}`);
    const lines = render(state);
    const text = lines.join("\n");
    if (tty) {
      if (printed) process.stdout.write(`\x1b[${printed}A\x1b[J`);
      process.stdout.write(text + "\n");
      printed = lines.length;
    } else if (text !== last) {
      process.stdout.write(lines.slice(1).join(" | ") + "\n");
    }
    last = text;
    const waitingForDiagnosis = values.analyze && state.incidents.length > 0 && (!state.diagnosis || state.diagnosis.status === "requested");
    // A scenario whose script has ended waits for someone to fix it: the run goes on without this display.
    const waiting = state.waiting_for_remediation && state.kind !== "injection";
    if ((state.status !== "running" || waiting) && !waitingForDiagnosis) {
      if (state.diagnosis?.status === "done" && state.diagnosis.incidentId) await printDiagnosis(state.diagnosis.incidentId);
      if (waiting) {
        const root = state.incident_id ?? state.incidents[0]?.id;
        process.stdout.write(
          `${yellow("waiting for remediation")}: the script has ended and its faults persist until an action fixes them.\n` +
            (root ? `  Plan a fix: ${cyan(`${baseUrl}/incidents/${root}`)} (or POST /api/v1/incidents/${root}/agent/plans)\n` : "") +
            `  Or stop the run: POST /api/v1/simulations/${state.simulation_id}/stop\n`,
        );
      }
      break;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

type SavedDiagnosis = {
  provider: string;
  model: string;
  diagnosis: {
    category: string;
    confidence: number;
    hypotheses: { title: string; cause: string; confidence?: number }[];
    recommended_actions: { step: string; type: string; risk: string }[];
  };
};

/** The diagnosis the run asked for, as the incident page shows it: ranked hypotheses, then the actions. */
async function printDiagnosis(incidentId: string) {
  const { items } = await api<{ items: SavedDiagnosis[] }>("GET", `/incidents/${incidentId}/diagnoses?limit=1`).catch(() => ({ items: [] as SavedDiagnosis[] }));
  const d = items[0];
  if (!d) return;
  process.stdout.write(`\n${bold("Diagnosis")} ${dim(`· ${d.provider}/${d.model} · ${d.diagnosis.category} · confidence ${Math.round(d.diagnosis.confidence * 100)}%`)}\n`);
  d.diagnosis.hypotheses.forEach((h, i) => process.stdout.write(`  ${i + 1}. ${h.title} ${dim(`(${h.cause}${h.confidence !== undefined ? `, ${Math.round(h.confidence * 100)}%` : ""})`)}\n`));
  if (d.diagnosis.recommended_actions.length) process.stdout.write(`${bold("Recommended")}\n`);
  for (const a of d.diagnosis.recommended_actions) process.stdout.write(`  - [${a.type}, risk ${a.risk}] ${a.step}\n`);
  process.stdout.write(`${cyan(`${baseUrl}/incidents/${incidentId}`)}\n`);
}

async function interactive() {
  const items = await list();
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  const pick = (await rl.question(`\nScenario (number or id): `)).trim();
  const chosen = items[Number(pick) - 1] ?? items.find((s) => s.id === pick);
  if (!chosen) {
    rl.close();
    throw new Error(`No scenario "${pick}".`);
  }
  const speed = (await rl.question(`Speed [10]: `)).trim() || "10";
  const analyze = (await rl.question(`Run the AI diagnosis when the incident opens? [Y/n]: `)).trim().toLowerCase() !== "n";
  rl.close();
  values.speed = speed;
  values.analyze = analyze;
  await run(chosen.id);
}

async function main() {
  const [command, arg] = positionals;
  if (values.help || !command) {
    process.stdout.write(
      `Firedrill simulator CLI\n\n  npm run sim -- list [--difficulty d] [--tag t]\n  npm run sim -- run <scenario> [--speed N] [--seed N] [--analyze] [--url URL] [--key KEY]\n  npm run sim -- interactive\n`,
    );
    return;
  }
  if (command === "list") await list();
  else if (command === "run") {
    if (!arg) throw new Error("Which scenario? `npm run sim -- list` shows them.");
    await run(arg);
  } else if (command === "interactive") await interactive();
  else throw new Error(`Unknown command "${command}".`);
}

main().catch((e: Error) => {
  process.stderr.write(`${red("error")} ${e.message}\n`);
  process.exit(1);
});
