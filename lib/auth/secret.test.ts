import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { authSecret, resetAuthSecretCache, SECRET_FILE } from "./secret";

const saved = {
  NODE_ENV: process.env.NODE_ENV,
  NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET,
  AUTH_SECRET: process.env.AUTH_SECRET,
  DATABASE_URL: process.env.DATABASE_URL,
};

function setEnv(values: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvCache();
  resetAuthSecretCache();
}

afterEach(() => setEnv(saved));

describe("auth secret", () => {
  it("refuses to run a production deployment on PostgreSQL without NEXTAUTH_SECRET", () => {
    setEnv({ NODE_ENV: "production", NEXTAUTH_SECRET: undefined, AUTH_SECRET: undefined, DATABASE_URL: "postgres://db.example/firedrill" });
    expect(() => authSecret(os.tmpdir())).toThrow(/NEXTAUTH_SECRET is required in production/);
  });

  it("lets `npm start` on the embedded default run with a generated secret", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fd-secret-"));
    try {
      setEnv({ NODE_ENV: "production", NEXTAUTH_SECRET: undefined, AUTH_SECRET: undefined, DATABASE_URL: undefined });
      expect(authSecret(dir).length).toBeGreaterThanOrEqual(40);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("uses the configured secret when there is one", () => {
    setEnv({ NODE_ENV: "production", NEXTAUTH_SECRET: "configured-secret-value", AUTH_SECRET: undefined });
    expect(authSecret(os.tmpdir())).toBe("configured-secret-value");
  });

  it("generates a secret once on the embedded default and keeps it across restarts", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fd-secret-"));
    try {
      setEnv({ NODE_ENV: "development", NEXTAUTH_SECRET: undefined, AUTH_SECRET: undefined });
      const first = authSecret(dir);
      expect(first.length).toBeGreaterThanOrEqual(40);
      expect(fs.statSync(path.join(dir, SECRET_FILE)).mode & 0o077).toBe(0);
      resetAuthSecretCache(); // a restart
      expect(authSecret(dir)).toBe(first);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
