import { dataDir, getDatabase } from "@/db";
import { appUrl, env } from "@/env";
import { logger } from "@/lib/logger";
import { registerJob } from "@/lib/scheduler/scheduler";
import { demoResetIntervalMs, DEMO_RESET_JOB, runScheduledDemoReset } from "@/lib/workspaces";
import { countUsers, ensureFixedAdmin, ensureInitialAdmin, signInBanner, writeServerPid } from "./bootstrap";
import { authSecret } from "./secret";

const log = logger("auth");

/**
 * Auth at start-up: refuse to run in production without NEXTAUTH_SECRET, make sure someone can
 * sign in (fixed admin from the environment, or a generated first admin on the embedded default),
 * and schedule the demo reset.
 */
export async function onServerStart(): Promise<void> {
  const e = env();
  try {
    authSecret(dataDir());
  } catch (err) {
    log.fatal({ err }, (err as Error).message);
    process.stderr.write(`\nFiredrill cannot start: ${(err as Error).message}\n\n`);
    process.exit(1);
  }

  const { db, kind } = await getDatabase();
  if (kind === "pglite") writeServerPid(dataDir());
  const url = appUrl();
  if (e.FIREDRILL_ADMIN_EMAIL && e.FIREDRILL_ADMIN_PASSWORD) {
    await ensureFixedAdmin(db, e.FIREDRILL_ADMIN_EMAIL, e.FIREDRILL_ADMIN_PASSWORD);
  } else {
    const created = await ensureInitialAdmin(db, { embedded: kind === "pglite", dataDir: dataDir() });
    if (created) {
      process.stdout.write(
        signInBanner(url, [
          "A first admin of the Acme Shop workspace was created for you:",
          `  email:    ${created.email}`,
          `  password: ${created.password}`,
          `(also saved in ${created.file}; sign in at ${url}/sign-in)`,
          "More users: npm run firedrill -- user create --email you@example.com --password '…'",
        ]),
      );
    } else if ((await countUsers(db)) === 0) {
      process.stdout.write(
        signInBanner(url, [
          "No account exists yet. Sign up at /sign-up, or create an admin with:",
          "  npm run firedrill -- user create --email you@example.com --password '…'",
          "  npm run firedrill -- member add --workspace acme --email you@example.com --role admin",
        ]),
      );
    }
  }

  if (e.DEMO_MODE === "on") {
    const everyMs = demoResetIntervalMs(e.DEMO_RESET_CRON);
    if (everyMs) registerJob({ name: DEMO_RESET_JOB, everyMs, run: () => runScheduledDemoReset(db).then(() => undefined) });
  }
}
