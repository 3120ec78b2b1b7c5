/**
 * npm run eval:agent — every built-in scenario, the way a responder goes: run it (world time on a
 * hand clock) until its incident opens, diagnose (offline engine), plan with the offline planner,
 * approve, execute and verify against the world. Prints a table and the totals; exits non-zero if
 * the targets are missed (an expected action in every plan; health restored for at least 90 %).
 * On an in-memory PGlite database: nothing is written anywhere.
 */
import { createTestDatabase } from "@/db/testing";
import { insertWorkspace } from "@/lib/workspaces/queries";
import type { Actor } from "@/lib/auth/shared";
import { evaluateAgent, summariseAgent } from "@/lib/agent/eval/run-eval";

function pad(s: string | number, n: number): string {
  const t = String(s);
  return t.length >= n ? t.slice(0, n) : t + " ".repeat(n - t.length);
}

const only = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const db = await createTestDatabase();
try {
  const ws = await insertWorkspace(db.db, { slug: "eval", name: "Agent eval" });
  const admin: Actor = { kind: "user", id: "eval", name: "Eval", workspaceId: ws.id, role: "admin" };
  const rows = await evaluateAgent(db.db, admin, { only });
  console.log(
    [pad("scenario", 27), pad("planned actions", 62), pad("expected?", 9), pad("restored?", 9), pad("ticks", 5), pad("what-if #1", 34), "ms"].join(" "),
  );
  for (const r of rows) {
    console.log(
      [
        pad(r.scenario, 27),
        pad(r.planned.join(", ") || (r.incident ? "(none)" : "(no incident)"), 62),
        pad(r.expectedInPlan ? "yes" : "NO", 9),
        pad(r.healthRestored ? "yes" : `NO (${r.status})`, 9),
        pad(r.ticksToRecover ?? "—", 5),
        pad(r.topWhatIf ?? "—", 34),
        r.ms,
      ].join(" "),
    );
    if (!r.healthRestored && r.failure) console.log(`    ${r.failure.slice(0, 200)}`);
  }
  const s = summariseAgent(rows);
  console.log(
    `\nTotals: ${s.n} scenarios · expected action in the plan ${s.expectedInPlan}/${s.n} · health restored ${s.healthRestored}/${s.n} (${Math.round(s.restoredRate * 100)} %) · ticks to recover mean ${s.meanTicks?.toFixed(1) ?? "—"}, max ${s.maxTicks ?? "—"} (5 s of world time each)`,
  );
  console.log(`Targets (expected action in every plan; health restored ≥ 90 %): ${s.targetsMet ? "met" : "MISSED"}`);
  process.exitCode = s.targetsMet ? 0 : 1;
} finally {
  await db.drop();
}
