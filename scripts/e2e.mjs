// Builds the app for production (unless E2E_SKIP_BUILD=1) and runs Playwright against `next start`
// on a fresh embedded database of its own.
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { findBrowser } from "./find-browser.mjs";

const browser = await findBrowser();
console.log(`[e2e] browser: ${browser.label}`);

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
if (browser.path) env.PLAYWRIGHT_CHROMIUM_PATH = browser.path;

function run(cmd, args, extraEnv = {}) {
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

if (process.env.E2E_SKIP_BUILD !== "1") {
  console.log("[e2e] next build…");
  run("npx", ["next", "build"]);
}

const dataDir = path.resolve(".data/e2e");
rmSync(dataDir, { recursive: true, force: true });
run("npx", ["playwright", "test", ...process.argv.slice(2)], { E2E_DATA_DIR: dataDir });
