// End-to-end tests in a real browser. By default: builds the app for production (unless
// E2E_SKIP_BUILD=1) and runs Playwright against `next start`. With --dev: the smoke test against
// `next dev`. Each run starts on a fresh embedded database of its own.
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { findBrowser } from "./find-browser.mjs";

const args = process.argv.slice(2);
const dev = args[0] === "--dev";
if (dev) args.shift();

const browser = await findBrowser();
console.log(`[e2e] browser: ${browser.label}`);

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
if (browser.path) env.PLAYWRIGHT_CHROMIUM_PATH = browser.path;

function run(cmd, cmdArgs, extraEnv = {}) {
  const r = spawnSync(cmd, cmdArgs, { stdio: "inherit", env: { ...env, ...extraEnv } });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

if (dev) {
  // Outside the project: the dev server watches the project tree, and the database writes there constantly.
  const dataDir = path.join(os.tmpdir(), `firedrill-e2e-dev-${process.pid}`);
  rmSync(dataDir, { recursive: true, force: true });
  run("npx", ["playwright", "test", "--config", "playwright.dev.config.ts", ...args], { E2E_DEV_DATA_DIR: dataDir });
} else {
  if (process.env.E2E_SKIP_BUILD !== "1") {
    console.log("[e2e] next build…");
    run("npx", ["next", "build"]);
  }
  const dataDir = path.resolve(".data/e2e");
  rmSync(dataDir, { recursive: true, force: true });
  run("npx", ["playwright", "test", ...args], { E2E_DATA_DIR: dataDir });
}
