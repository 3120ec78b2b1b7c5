import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { scanClientAssets, TEST_SECRETS } from "./secret-scan";

const root = process.cwd();
const hasBuild = fs.existsSync(path.join(root, ".next", "static"));

/** The server-side secrets of this environment plus the fixed test secrets used by the e2e build. */
function secretsToLookFor(): string[] {
  const fromEnv = ["NEXTAUTH_SECRET", "AUTH_SECRET", "GITHUB_SECRET", "CRON_SECRET", "GROQ_API_KEY", "GOOGLE_GENERATIVE_AI_API_KEY", "PUSHER_SECRET", "FIREDRILL_ADMIN_PASSWORD"]
    .map((k) => process.env[k])
    .filter((v): v is string => Boolean(v));
  const generated = path.join(root, ".data", "auth-secret");
  const local = fs.existsSync(generated) ? [fs.readFileSync(generated, "utf8").trim()] : [];
  return [...Object.values(TEST_SECRETS), ...fromEnv, ...local];
}

describe("client bundle", () => {
  it.skipIf(!hasBuild)("contains none of the server secrets", () => {
    expect(scanClientAssets(root, secretsToLookFor())).toEqual([]);
  });

  it.runIf(!hasBuild)("is skipped: no production build in .next/static (run `next build` or `npm run test:e2e`, which scans after building)", () => {
    expect(hasBuild).toBe(false);
  });

  it("finds a planted secret (the scan itself works)", () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "fd-scan-"));
    try {
      fs.mkdirSync(path.join(tmp, ".next", "static", "chunks"), { recursive: true });
      fs.writeFileSync(path.join(tmp, ".next", "static", "chunks", "a.js"), `var x="${TEST_SECRETS.NEXTAUTH_SECRET}";`);
      expect(scanClientAssets(tmp, [TEST_SECRETS.NEXTAUTH_SECRET])).toHaveLength(1);
      expect(scanClientAssets(path.join(tmp, "nothing"), [TEST_SECRETS.NEXTAUTH_SECRET])).toBeUndefined();
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
