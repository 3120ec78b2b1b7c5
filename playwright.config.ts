import { defineConfig, devices } from "@playwright/test";
import path from "node:path";
import { E2E_ADMIN, TEST_SECRETS } from "./lib/auth/secret-scan";

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
const dataDir = process.env.E2E_DATA_DIR ?? path.resolve(".data/e2e");
const executablePath = process.env.PLAYWRIGHT_CHROMIUM_PATH;

/** Session of the fixed e2e admin (E2E_ADMIN), saved by e2e/auth.setup.ts. */
const ADMIN_STORAGE_STATE = "playwright/.auth/admin.json";

export default defineConfig({
  testDir: "./e2e",
  // e2e/dev runs against `next dev` (playwright.dev.config.ts).
  testIgnore: ["dev/**"],
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      ...(executablePath ? { executablePath } : {}),
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  projects: [
    // Signs in once as the seeded admin and saves the session; every other spec starts signed in.
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    { name: "chromium", use: { ...devices["Desktop Chrome"], storageState: ADMIN_STORAGE_STATE }, dependencies: ["setup"] },
  ],
  webServer: {
    command: `npx next start -p ${port} -H 127.0.0.1`,
    url: `${baseURL}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATA_DIR: dataDir,
      PGLITE_DIR: path.join(dataDir, "pglite"),
      NEXTAUTH_URL: baseURL,
      NEXTAUTH_SECRET: TEST_SECRETS.NEXTAUTH_SECRET,
      FIREDRILL_ADMIN_EMAIL: E2E_ADMIN.email,
      FIREDRILL_ADMIN_PASSWORD: E2E_ADMIN.password,
      // GitHub sign-in is offered (never completed in tests), so its secret is in play for the bundle scan.
      GITHUB_ID: "e2e-github-client-id",
      GITHUB_SECRET: TEST_SECRETS.GITHUB_SECRET,
      // All specs share one IP and one demo: keep the demo write limit out of their way (Vitest covers it).
      DEMO_WRITE_LIMIT: "1000",
      // Generated incidents would appear on the demo board at random moments: specs generate on demand instead.
      DEMO_GENERATOR: "off",
      LOG_LEVEL: "warn",
      ...(process.env.E2E_DATABASE_URL ? { DATABASE_URL: process.env.E2E_DATABASE_URL } : {}),
    },
  },
});
