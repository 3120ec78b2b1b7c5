import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { memberships, users } from "@/db/schema";
import type { Database } from "@/db/client";
import { DEFAULT_WORKSPACE } from "@/lib/seed";
import { getWorkspaceBySlug } from "@/lib/workspaces";
import { generatePassword, hashPassword, verifyPassword } from "./passwords";
import { findUserByEmail } from "./users";

export const INITIAL_ADMIN_EMAIL = "admin@firedrill.local";
export const INITIAL_ADMIN_FILE = "initial-admin.txt";
/** Written by the app while it has the embedded database open, so the CLI can refuse to share it. */
export const SERVER_PID_FILE = "server.pid";

export function writeServerPid(dataDir: string): void {
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(path.join(dataDir, SERVER_PID_FILE), String(process.pid));
}

async function makeAdminOfDefault(db: Database, userId: string): Promise<string | null> {
  const ws = await getWorkspaceBySlug(db, DEFAULT_WORKSPACE.slug);
  if (!ws) return null;
  await db
    .insert(memberships)
    .values({ workspaceId: ws.id, userId, role: "admin" })
    .onConflictDoUpdate({ target: [memberships.workspaceId, memberships.userId], set: { role: "admin" } });
  return ws.slug;
}

/**
 * The fixed admin of the default workspace (FIREDRILL_ADMIN_EMAIL / FIREDRILL_ADMIN_PASSWORD, used by
 * the e2e tests and by operators who prefer configuration): created, or its password updated, on
 * every start. Idempotent.
 */
export async function ensureFixedAdmin(db: Database, email: string, password: string): Promise<void> {
  const existing = await findUserByEmail(db, email);
  let userId = existing?.id;
  if (!existing) {
    const [row] = await db
      .insert(users)
      .values({ email: email.toLowerCase(), name: "Firedrill Admin", passwordHash: await hashPassword(password) })
      .onConflictDoNothing()
      .returning();
    userId = row?.id ?? (await findUserByEmail(db, email))?.id;
  } else if (!existing.passwordHash || !(await verifyPassword(password, existing.passwordHash))) {
    await db.update(users).set({ passwordHash: await hashPassword(password) }).where(sql`${users.id} = ${existing.id}`);
  }
  if (userId) await makeAdminOfDefault(db, userId);
}

/**
 * First start with no account at all: on the embedded default, an admin of the default workspace
 * with a generated password (printed once, and kept in the data directory for the operator);
 * otherwise null, and the caller prints how to create one with the CLI.
 */
export async function ensureInitialAdmin(db: Database, options: { embedded: boolean; dataDir: string }): Promise<{ email: string; password: string; file: string } | null> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(727276)`);
    const [{ count }] = await tx.select({ count: sql<number>`count(*)::int` }).from(users);
    if (Number(count) > 0 || !options.embedded) return null;
    const password = generatePassword();
    const [row] = await tx.insert(users).values({ email: INITIAL_ADMIN_EMAIL, name: "Admin", passwordHash: await hashPassword(password) }).returning();
    await makeAdminOfDefault(tx, row.id);
    const file = path.join(options.dataDir, INITIAL_ADMIN_FILE);
    fs.mkdirSync(options.dataDir, { recursive: true });
    fs.writeFileSync(file, `email: ${INITIAL_ADMIN_EMAIL}\npassword: ${password}\n(change it with: npm run firedrill -- user password --email ${INITIAL_ADMIN_EMAIL} --password <new>)\n`, { mode: 0o600 });
    return { email: INITIAL_ADMIN_EMAIL, password, file };
  });
}

export async function countUsers(db: Database): Promise<number> {
  const [{ count }] = await db.select({ count: sql<number>`count(*)::int` }).from(users);
  return Number(count);
}

/** The friendly first-start banner. */
export function signInBanner(url: string, lines: string[]): string {
  const body = [`Firedrill is ready at ${url}`, "", ...lines];
  const width = Math.max(...body.map((l) => l.length)) + 4;
  const bar = "─".repeat(width);
  return ["", `┌${bar}┐`, ...body.map((l) => `│  ${l.padEnd(width - 2)}│`), `└${bar}┘`, ""].join("\n");
}
