import "server-only";
import path from "node:path";
import { env } from "@/env";
import { openPglite, openPostgres, type DatabaseHandle } from "./client";

export type { Database, DatabaseKind, DatabaseHandle } from "./client";

const globalForDb = globalThis as unknown as { __firedrillDb?: Promise<DatabaseHandle> };

/** Directory of local state on the embedded default (PGlite data, generated secret). */
export function dataDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ env().DATA_DIR ?? ".data");
}

async function open(): Promise<DatabaseHandle> {
  const e = env();
  const handle = e.DATABASE_URL
    ? await openPostgres(e.DATABASE_URL)
    : await openPglite(path.resolve(/*turbopackIgnore: true*/ e.PGLITE_DIR ?? path.join(dataDir(), "pglite")));
  return handle;
}

/**
 * The app's database, opened lazily on first use (so `next build` never opens it), migrated, and cached on globalThis so hot reload does not open a second PGlite on the same directory.
 */
export function getDatabase(): Promise<DatabaseHandle> {
  if (!globalForDb.__firedrillDb) {
    globalForDb.__firedrillDb = open().catch((e) => {
      globalForDb.__firedrillDb = undefined;
      throw e;
    });
  }
  return globalForDb.__firedrillDb;
}

export async function getDb() {
  return (await getDatabase()).db;
}
