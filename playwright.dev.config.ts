import os from "node:os";
import { defineConfig } from "@playwright/test";
import path from "node:path";
import base from "./playwright.config";

/**
 * The dev-server smoke test: the same app under `next dev` (which checks the route tree more strictly
 * than a production build), on its own port and its own fresh embedded database.
 */
const port = Number(process.env.E2E_DEV_PORT ?? 3110);
const baseURL = `http://127.0.0.1:${port}`;
const dataDir = process.env.E2E_DEV_DATA_DIR ?? path.resolve(".data/e2e-dev");
const webServer = Array.isArray(base.webServer) ? base.webServer[0] : base.webServer!;

export default defineConfig({
  ...base,
  testDir: "./e2e/dev",
  testIgnore: [],
  // Outside the project: `next dev` watches the project tree and recompiles (and reloads pages) on every write there.
  outputDir: path.join(os.tmpdir(), "firedrill-e2e-dev-results"),
  // The dev server compiles each route on its first request.
  timeout: 120_000,
  expect: { timeout: 30_000 },
  use: { ...base.use, baseURL },
  projects: [{ name: "dev", use: { viewport: { width: 1440, height: 900 } } }],
  webServer: {
    ...webServer,
    command: `npx next dev -p ${port} -H 127.0.0.1`,
    url: `${baseURL}/api/health`,
    timeout: 180_000,
    stdout: "ignore",
    env: {
      ...webServer.env,
      NODE_ENV: "development",
      DATA_DIR: dataDir,
      PGLITE_DIR: path.join(dataDir, "pglite"),
      NEXTAUTH_URL: baseURL,
    },
  },
});
