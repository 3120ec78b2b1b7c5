import fs from "node:fs";
import path from "node:path";

/** Secrets the e2e build and server are given, so a scan knows exactly what must never leak. */
export const TEST_SECRETS = {
  NEXTAUTH_SECRET: "e2e-secret-not-for-production-0123456789",
  GITHUB_SECRET: "e2e-github-secret-do-not-ship-3f9a1c",
  FIREDRILL_ADMIN_PASSWORD: "e2e-admin-password-7c41",
} as const;

/** The fixed admin of workspace `acme` in e2e runs (seeded by the server from FIREDRILL_ADMIN_*). */
export const E2E_ADMIN = { email: "e2e-admin@firedrill.test", password: TEST_SECRETS.FIREDRILL_ADMIN_PASSWORD, storageState: "playwright/.auth/admin.json" } as const;

function* files(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else yield full;
  }
}

/**
 * Scans the built client assets (.next/static) for secret values. Returns where each was found;
 * an empty list means clean. Undefined when there is no build to scan.
 */
export function scanClientAssets(root: string, secrets: string[]): { file: string; secret: string }[] | undefined {
  const dir = path.join(root, ".next", "static");
  if (!fs.existsSync(dir)) return undefined;
  const needles = secrets.filter((s) => s.length >= 12);
  const hits: { file: string; secret: string }[] = [];
  for (const file of files(dir)) {
    const text = fs.readFileSync(file, "latin1");
    for (const secret of needles) if (text.includes(secret)) hits.push({ file: path.relative(root, file), secret: `${secret.slice(0, 4)}…` });
  }
  return hits;
}
