import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { env } from "@/env";
import { processSlot } from "@/lib/process-state";

const cachedSecret = processSlot<string>("auth-secret");

export const SECRET_FILE = "auth-secret";

/**
 * The secret that signs sessions and guest cookies. NEXTAUTH_SECRET (or AUTH_SECRET) when set;
 * otherwise, on the embedded default (no DATABASE_URL), one generated on first use and kept in the
 * data directory so sessions survive restarts — also under `npm start`, so a fresh machine runs with
 * no configuration. A production deployment on PostgreSQL without a secret is a start-up error:
 * instances behind a load balancer must share one secret, which a generated file cannot give them.
 */
export function authSecret(dataDir: string): string {
  if (cachedSecret.current) return cachedSecret.current;
  const e = env();
  const configured = e.NEXTAUTH_SECRET ?? e.AUTH_SECRET;
  if (configured) return (cachedSecret.current = configured);
  if (e.NODE_ENV === "production" && e.DATABASE_URL) {
    throw new Error(
      "NEXTAUTH_SECRET is required in production on PostgreSQL: set it to a long random string (for example `openssl rand -base64 32`) and restart.",
    );
  }
  const file = path.join(dataDir, SECRET_FILE);
  let secret = "";
  try {
    secret = fs.readFileSync(file, "utf8").trim();
  } catch {
    // Not generated yet.
  }
  if (!secret) {
    fs.mkdirSync(dataDir, { recursive: true });
    const fresh = randomBytes(32).toString("base64url");
    try {
      // "wx": if another process won the race, keep its secret.
      fs.writeFileSync(file, fresh + "\n", { mode: 0o600, flag: "wx" });
      secret = fresh;
    } catch {
      secret = fs.readFileSync(file, "utf8").trim();
    }
  }
  return (cachedSecret.current = secret);
}

/** Tests switch secrets between cases. */
export function resetAuthSecretCache(): void {
  cachedSecret.current = undefined;
}
