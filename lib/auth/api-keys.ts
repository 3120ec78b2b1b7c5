import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { apiKeys, workspaces, type ApiKey } from "@/db/schema";
import type { Database } from "@/db/client";
import { recordAudit } from "@/lib/audit";
import { env } from "@/env";
import { AppError } from "@/lib/errors";
import { parseInput, toResult, type Result } from "@/lib/result";
import { apiKeyScopes, type Actor, type ApiKeyScope } from "./actor";
import { assertCan } from "./permissions";
import { processState } from "@/lib/process-state";

export const API_KEY_PREFIX = "fd_live_";
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

function randomToken(length: number): string {
  const bytes = randomBytes(length * 2);
  let out = "";
  for (let i = 0; i < bytes.length && out.length < length; i++) {
    // Rejection sampling keeps the alphabet uniform (248 = 62 × 4).
    if (bytes[i] < 248) out += ALPHABET[bytes[i] % 62];
  }
  return out.length === length ? out : randomToken(length);
}

/** Keys carry 190 bits of randomness, so a fast hash is enough (no need for a password hash). */
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/** Anything shaped like one of our keys, wherever it sits in a stored payload. */
const API_KEY_PATTERN = new RegExp(`${API_KEY_PREFIX}[A-Za-z0-9]+`, "g");
export const REDACTED_API_KEY = `${API_KEY_PREFIX}[redacted]`;

/**
 * Replaces plaintext keys in text that is about to be stored (PagerDuty senders put theirs in the
 * body's `routing_key`), so that reading events or dead letters back never reveals a key.
 * JSON stays valid: the replacement has no quotes or backslashes.
 */
export function redactApiKeys(text: string): string {
  return text.includes(API_KEY_PREFIX) ? text.replace(API_KEY_PATTERN, REDACTED_API_KEY) : text;
}

export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const key = `${API_KEY_PREFIX}${randomToken(32)}`;
  return { key, prefix: key.slice(0, API_KEY_PREFIX.length + 6), hash: hashApiKey(key) };
}

export const createApiKeySchema = z.object({
  name: z.string().trim().min(1, "is required").max(100, "must be at most 100 characters"),
  scopes: z.array(z.enum(apiKeyScopes)).min(1, "needs at least one scope").default(["ingest"]),
});

export type PublicApiKey = Omit<ApiKey, "hash">;

function toPublic(row: ApiKey): PublicApiKey {
  const { hash: _hash, ...rest } = row;
  return rest;
}

/** Inserts a key without a permission check: for the operator CLI and seeders, which act as the system. */
export async function insertApiKey(
  db: Database,
  actor: Actor,
  input: z.input<typeof createApiKeySchema>,
): Promise<{ key: string; apiKey: PublicApiKey }> {
  const { name, scopes } = parseInput(createApiKeySchema, input);
  const generated = generateApiKey();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiKeys)
      .values({
        workspaceId: actor.workspaceId,
        name,
        prefix: generated.prefix,
        hash: generated.hash,
        scopes: Array.from(new Set(scopes)),
        createdById: actor.id,
        createdByName: actor.name,
      })
      .returning();
    await recordAudit(tx, actor, { action: "apikey.create", targetType: "api_key", targetId: row.id, data: { name, scopes, prefix: row.prefix } });
    return { key: generated.key, apiKey: toPublic(row) };
  });
}

/** Creates a key; the plaintext is in the result once and never again. Admins only. */
export async function createApiKey(db: Database, actor: Actor, input: unknown): Promise<Result<{ key: string; apiKey: PublicApiKey }>> {
  return toResult({ op: "auth.createApiKey", actor }, async () => {
    assertCan(actor, "workspace:admin");
    return insertApiKey(db, actor, input as z.input<typeof createApiKeySchema>);
  });
}

export async function revokeApiKey(db: Database, actor: Actor, id: string): Promise<Result<PublicApiKey>> {
  return toResult({ op: "auth.revokeApiKey", actor }, async () => {
    assertCan(actor, "workspace:admin");
    const keyId = parseInput(z.string().uuid("is not a valid key id"), id);
    return db.transaction(async (tx) => {
      const [row] = await tx
        .update(apiKeys)
        .set({ revokedAt: sql`coalesce(${apiKeys.revokedAt}, now())` })
        .where(and(eq(apiKeys.workspaceId, actor.workspaceId), eq(apiKeys.id, keyId)))
        .returning();
      if (!row) throw new AppError("not_found:api_key", "API key not found.");
      await recordAudit(tx, actor, { action: "apikey.revoke", targetType: "api_key", targetId: row.id, data: { prefix: row.prefix } });
      return toPublic(row);
    }).finally(() => forgetApiKey(keyId));
  });
}

export async function listApiKeys(db: Database, actor: Actor): Promise<PublicApiKey[]> {
  assertCan(actor, "workspace:admin");
  const rows = await db.select().from(apiKeys).where(eq(apiKeys.workspaceId, actor.workspaceId)).orderBy(desc(apiKeys.createdAt));
  return rows.map(toPublic);
}

const lastUsedWrites = new Map<string, number>();

type CachedKey = { at: number; actor: Actor; workspaceKind: string };

/**
 * Authenticated keys, cached in memory for API_KEY_CACHE_MS so that a busy ingest path does not
 * spend a query per request on the same key. Revoking a key through revokeApiKey drops it from this
 * process's cache at once; another instance (several app servers) refuses it within API_KEY_CACHE_MS.
 * Only valid keys are cached; unknown keys are looked up every time.
 */
export const API_KEY_CACHE_MS = 5_000;
const API_KEY_CACHE_MAX = 10_000;
const keyCache = processState("api-key-cache", () => ({ byHash: new Map<string, CachedKey>(), generation: 0 }));

/** Drops a key from the cache (called when it is revoked). */
export function forgetApiKey(keyId: string): void {
  // A lookup already in flight may have read the row before the revocation committed: bumping the
  // generation stops it from caching what it read.
  keyCache.generation++;
  for (const [hash, entry] of keyCache.byHash) if (entry.actor.id === keyId) keyCache.byHash.delete(hash);
}

async function lookUpApiKey(db: Database, hash: string): Promise<CachedKey | null> {
  const cached = keyCache.byHash.get(hash);
  if (cached && Date.now() - cached.at <= API_KEY_CACHE_MS) return cached;
  const generation = keyCache.generation;
  const [row] = await db
    .select({ key: apiKeys, workspaceKind: workspaces.kind })
    .from(apiKeys)
    .innerJoin(workspaces, eq(workspaces.id, apiKeys.workspaceId))
    .where(and(eq(apiKeys.hash, hash), isNull(apiKeys.revokedAt)))
    .limit(1);
  if (!row) {
    keyCache.byHash.delete(hash);
    return null;
  }
  const entry: CachedKey = {
    at: Date.now(),
    workspaceKind: row.workspaceKind,
    actor: {
      kind: "api_key",
      id: row.key.id,
      name: `API key ${row.key.name} (${row.key.prefix}…)`,
      workspaceId: row.key.workspaceId,
      // Keys are limited by their scopes, not by a member role.
      role: "admin",
      scopes: row.key.scopes as ApiKeyScope[],
    },
  };
  if (generation === keyCache.generation) {
    if (keyCache.byHash.size >= API_KEY_CACHE_MAX) keyCache.byHash.clear();
    keyCache.byHash.set(hash, entry);
  }
  return entry;
}

/**
 * Resolves a presented key to an actor, or throws 401. `last_used_at` is written at most once a
 * minute per key so that a busy ingest path does not turn every request into an extra write.
 */
export async function authenticateApiKey(db: Database, presented: string): Promise<Actor> {
  if (!presented.startsWith(API_KEY_PREFIX)) throw new AppError("unauthorized:api_key", "The API key is not valid.");
  const found = await lookUpApiKey(db, hashApiKey(presented));
  // DEMO_MODE=off closes the demo workspace, to its keys too (checked on every request, cached or not).
  if (!found || (found.workspaceKind === "demo" && env().DEMO_MODE !== "on")) {
    throw new AppError("unauthorized:api_key", "The API key is not valid or has been revoked.");
  }
  const { actor } = found;
  const now = Date.now();
  if ((lastUsedWrites.get(actor.id!) ?? 0) < now - 60_000) {
    lastUsedWrites.set(actor.id!, now);
    await db.update(apiKeys).set({ lastUsedAt: new Date(now) }).where(eq(apiKeys.id, actor.id!));
  }
  return { ...actor, scopes: [...(actor.scopes ?? [])] };
}
