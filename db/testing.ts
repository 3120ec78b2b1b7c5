import { randomBytes } from "node:crypto";
import { openPglite, openPostgres, type DatabaseHandle } from "./client";

export type TestDatabase = DatabaseHandle & { name: string; drop: () => Promise<void> };

/**
 * A fresh, migrated database for one test file: PGlite in memory by default, or — when
 * DATABASE_URL is set — a uniquely named PostgreSQL database that `drop()` removes afterwards.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const handle = await openPglite(undefined);
    return { ...handle, name: "pglite:memory", drop: () => handle.close() };
  }
  const { default: postgres } = await import("postgres");
  const name = `firedrill_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const target = new URL(url);
  target.pathname = `/${name}`;
  const handle = await openPostgres(target.toString(), { max: 20 });
  return {
    ...handle,
    name,
    drop: async () => {
      await handle.close();
      const dropper = postgres(url, { max: 1, onnotice: () => {} });
      try {
        await dropper.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await dropper.end();
      }
    },
  };
}

export function testDatabaseUrl(handle: TestDatabase): string | undefined {
  const url = process.env.DATABASE_URL;
  if (!url || handle.kind !== "postgres") return undefined;
  const target = new URL(url);
  target.pathname = `/${handle.name}`;
  return target.toString();
}
