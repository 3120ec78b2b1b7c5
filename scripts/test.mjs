// `npm test`: lint, types, unit and integration tests (PGlite, or PostgreSQL when DATABASE_URL is set),
// then the end-to-end tests in a real browser against a production build, and a smoke test against `next dev`.
import { spawnSync } from "node:child_process";

const steps = [
  ["lint", "npm", ["run", "lint"]],
  ["typecheck", "npm", ["run", "typecheck"]],
  ["unit and integration tests", "npx", ["vitest", "run"]],
  ["end-to-end tests", "node", ["scripts/e2e.mjs"]],
  ["dev-server smoke test", "node", ["scripts/e2e.mjs", "--dev"]],
];

const only = process.env.TEST_ONLY?.split(",");
for (const [label, cmd, args] of steps) {
  if (only && !only.some((o) => label.startsWith(o))) continue;
  console.log(`\n=== ${label} ===`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  console.log(`=== ${label}: ${r.status === 0 ? "ok" : "FAILED"} in ${((Date.now() - started) / 1000).toFixed(1)}s ===`);
  if (r.status !== 0) process.exit(r.status ?? 1);
}
