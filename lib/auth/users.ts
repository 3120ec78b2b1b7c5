import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { users, type User } from "@/db/schema";
import type { Database } from "@/db/client";
import { AppError } from "@/lib/errors";
import { parseInput, toResult, type Result } from "@/lib/result";
import { sharedLimiter } from "@/lib/rate-limit/limiter";
import { hashPassword, passwordSchema, verifyPassword } from "./passwords";

export type PublicUser = Pick<User, "id" | "email" | "name" | "image">;

export const emailSchema = z.string().trim().toLowerCase().email("is not a valid email address").max(254);

export const signUpSchema = z.object({
  name: z.string().trim().min(1, "is required").max(100, "must be at most 100 characters"),
  email: emailSchema,
  password: passwordSchema,
});

function toPublic(u: User): PublicUser {
  return { id: u.id, email: u.email, name: u.name, image: u.image };
}

export async function findUserByEmail(db: Database, email: string): Promise<User | undefined> {
  const [row] = await db.select().from(users).where(eq(sql`lower(${users.email})`, email.trim().toLowerCase())).limit(1);
  return row;
}

export async function getUserById(db: Database, id: string): Promise<User | undefined> {
  if (!z.string().uuid().safeParse(id).success) return undefined;
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

/** Creates an account with a password; a taken email is a 409 naming the field. */
export async function createUser(db: Database, input: unknown): Promise<Result<PublicUser>> {
  return toResult({ op: "auth.createUser" }, async () => {
    const { name, email, password } = parseInput(signUpSchema, input);
    if (await findUserByEmail(db, email)) {
      throw new AppError("conflict:email", "An account with this email already exists. Sign in instead.", {
        issues: [{ path: "email", message: "is already registered" }],
      });
    }
    const passwordHash = await hashPassword(password);
    const [row] = await db.insert(users).values({ name, email, passwordHash }).returning();
    return toPublic(row);
  });
}

/** Sets (or replaces) a user's password: operator CLI and the fixed e2e admin. */
export async function setPassword(db: Database, userId: string, password: string): Promise<void> {
  const valid = parseInput(passwordSchema, password);
  await db.update(users).set({ passwordHash: await hashPassword(valid) }).where(eq(users.id, userId));
}

/** Finds the user of an OAuth sign-in by (provider-verified) email, creating them on first sign-in. */
export async function upsertOAuthUser(db: Database, profile: { email: string; name?: string | null; image?: string | null }): Promise<PublicUser> {
  const email = parseInput(emailSchema, profile.email);
  const existing = await findUserByEmail(db, email);
  if (existing) return toPublic(existing);
  const [row] = await db
    .insert(users)
    .values({ email, name: profile.name?.trim() || email.split("@")[0], image: profile.image ?? null })
    .onConflictDoNothing()
    .returning();
  return toPublic(row ?? (await findUserByEmail(db, email))!);
}

export const SIGN_IN_LIMIT = 10;
export const SIGN_IN_WINDOW_MS = 15 * 60_000;

/**
 * Checks an email and password. Every attempt counts against both the account and the client IP
 * (10 per 15 minutes each), checked before the password so a locked-out guesser learns nothing.
 */
export async function verifyCredentials(
  db: Database,
  credentials: { email?: unknown; password?: unknown },
  client: { ip: string },
): Promise<PublicUser | null> {
  const email = typeof credentials.email === "string" ? credentials.email.trim().toLowerCase() : "";
  const password = typeof credentials.password === "string" ? credentials.password : "";
  const message = "Too many sign-in attempts. Wait 15 minutes and try again.";
  sharedLimiter("sign-in:ip", SIGN_IN_LIMIT, SIGN_IN_WINDOW_MS).consume(client.ip, 1, message);
  if (email) sharedLimiter("sign-in:account", SIGN_IN_LIMIT, SIGN_IN_WINDOW_MS).consume(email, 1, message);
  if (!email || !password) return null;
  const user = await findUserByEmail(db, email);
  if (!user?.passwordHash) return null;
  return (await verifyPassword(password, user.passwordHash)) ? toPublic(user) : null;
}
