import { and, desc, eq, lt, or, sql } from "drizzle-orm";
import { z } from "zod";
import { deadLetters, type DeadLetter } from "@/db/schema";
import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/shared";
import { redactApiKeys } from "@/lib/auth";
import { assertCan } from "@/lib/auth";
import { recordAudit } from "@/lib/audit";
import { AppError, type FieldIssue } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { parseJson } from "@/lib/json";
import { sharedLimiter } from "@/lib/rate-limit/limiter";
import { parseInput, toResult, unwrap, type Result } from "@/lib/result";
import { isStorableTime, storable } from "@/lib/validation/strings-and-times";
import { processIntake, intakeEndpoints } from "./senders";

const log = logger("intake");

/** Dead letters kept per workspace: the newest ones win. */
export const DEAD_LETTER_LIMIT = 10_000;
/** Body bytes kept per workspace: the newest letters win (a 1 MiB body costs what it weighs). */
export const DEAD_LETTER_MAX_BYTES = 64 * 1024 * 1024;
/** Body bytes one caller may add per minute; beyond it a letter keeps only the start of its body. */
export const DEAD_LETTER_BYTES_PER_MINUTE = 8 * 1024 * 1024;
/** What is kept of a body over the caller's budget (enough to see what it was). */
const OVER_BUDGET_PREFIX = 1024;

/**
 * Keeps the raw body of a rejected request so an admin can see what was sent and replay it once the
 * mapping is fixed. Never throws: losing a dead letter must not turn a 4xx into a 500.
 *
 * Budgeted by bytes, not requests: each caller (`budgetKey`, the API key) may add
 * DEAD_LETTER_BYTES_PER_MINUTE of bodies a minute, and a workspace keeps at most DEAD_LETTER_LIMIT
 * letters and DEAD_LETTER_MAX_BYTES of bodies. A body past the caller's budget is cut to its first
 * kilobyte (said in the reason; such a letter cannot be replayed). NUL characters, which no text
 * column can hold (and which are never valid in JSON text), are stored as U+FFFD.
 */
export async function recordDeadLetter(
  db: Database,
  workspaceId: string,
  entry: { source: string; status: number; reason: string; issues?: FieldIssue[]; body: string; contentType?: string | null; budgetKey?: string },
  limits: { count?: number; bytes?: number } = {},
): Promise<void> {
  try {
    let body = entry.body;
    let reason = entry.reason;
    const bytes = Buffer.byteLength(body, "utf8");
    const budget = sharedLimiter("dead-letter-bytes", DEAD_LETTER_BYTES_PER_MINUTE, 60_000).take(
      `${workspaceId}:${entry.budgetKey ?? "-"}`,
      Math.max(1, bytes),
    );
    if (!budget.allowed) {
      body = body.slice(0, OVER_BUDGET_PREFIX);
      reason = `${reason} [body of ${bytes} bytes cut to its first ${OVER_BUDGET_PREFIX}: this caller's dead-letter budget of ${DEAD_LETTER_BYTES_PER_MINUTE / 1024 / 1024} MiB a minute is spent]`;
    }
    await db.transaction(async (tx) => {
      await tx.insert(deadLetters).values({
        workspaceId,
        source: storable(entry.source).slice(0, 200),
        status: entry.status,
        reason: storable(reason).slice(0, 2_000),
        issues: (entry.issues ?? []).slice(0, 200).map((i) => ({ path: storable(i.path).slice(0, 500), message: storable(i.message).slice(0, 500) })),
        body: storable(redactApiKeys(body)),
        contentType: entry.contentType ? storable(entry.contentType).slice(0, 200) : null,
      });
      // The newest letters of this workspace within both the count and the byte limit; older ones go.
      // octet_length reads a stored body's size without decompressing it.
      await tx.execute(sql`
        delete from dead_letters where id in (
          select id from (
            select id, row_number() over w as n, sum(octet_length(body)) over w as bytes
              from dead_letters where workspace_id = ${workspaceId}::uuid
            window w as (order by created_at desc, id desc)) s
           where s.n > ${limits.count ?? DEAD_LETTER_LIMIT} or s.bytes > ${limits.bytes ?? DEAD_LETTER_MAX_BYTES})`);
    });
  } catch (err) {
    log.error({ err }, "could not record a dead letter");
  }
}

export type DeadLetterSummary = Omit<DeadLetter, "body" | "workspaceId"> & { size: number; preview: string };

export async function listDeadLetters(
  db: Database,
  actor: Actor,
  params: { limit?: number; before?: string } = {},
): Promise<{ items: DeadLetterSummary[]; nextCursor: string | null; total: number }> {
  assertCan(actor, "workspace:admin");
  const limit = Math.min(Math.max(1, params.limit ?? 50), 200);
  const conds = [eq(deadLetters.workspaceId, actor.workspaceId)];
  const [iso, id] = (params.before ?? "").split("|");
  const ts = iso ? new Date(iso) : undefined;
  if (ts && isStorableTime(ts.getTime()) && id && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) {
    conds.push(or(lt(deadLetters.createdAt, ts), and(eq(deadLetters.createdAt, ts), lt(deadLetters.id, id)))!);
  }
  const rows = await db
    .select({
      id: deadLetters.id,
      source: deadLetters.source,
      status: deadLetters.status,
      reason: deadLetters.reason,
      issues: deadLetters.issues,
      contentType: deadLetters.contentType,
      createdAt: deadLetters.createdAt,
      replayedAt: deadLetters.replayedAt,
      replayResult: deadLetters.replayResult,
      size: sql<number>`octet_length(${deadLetters.body})`,
      preview: sql<string>`left(${deadLetters.body}, 300)`,
    })
    .from(deadLetters)
    .where(and(...conds))
    .orderBy(desc(deadLetters.createdAt), desc(deadLetters.id))
    .limit(limit + 1);
  const [{ total }] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(deadLetters)
    .where(eq(deadLetters.workspaceId, actor.workspaceId));
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? `${last.createdAt.toISOString()}|${last.id}` : null, total };
}

const idSchema = z.string().uuid("is not a valid dead letter id");

export async function getDeadLetter(db: Database, actor: Actor, id: string): Promise<DeadLetter> {
  assertCan(actor, "workspace:admin");
  const letterId = parseInput(idSchema, id);
  const [row] = await db
    .select()
    .from(deadLetters)
    .where(and(eq(deadLetters.workspaceId, actor.workspaceId), eq(deadLetters.id, letterId)));
  if (!row) throw new AppError("not_found:dead_letter", "Dead letter not found.");
  return row;
}

export type ReplayOutcome = { replayed: boolean; status: number; body: unknown };

/**
 * Sends a dead letter's body through its integration again, as the admin who asked (and under the
 * integration's name). Success marks it replayed; a second failure is recorded on the letter.
 */
export async function replayDeadLetter(db: Database, actor: Actor, id: string): Promise<Result<ReplayOutcome>> {
  return toResult({ op: "intake.replayDeadLetter", actor },
    async () => {
      const letter = await getDeadLetter(db, actor, id);
      if (letter.replayedAt) throw new AppError("conflict:dead_letter", "This dead letter was already replayed.");
      const source = intakeEndpoints.find((e) => e === letter.source);
      if (!source) throw new AppError("unprocessable:dead_letter", `Unknown intake source "${letter.source}".`);
      let outcome: ReplayOutcome;
      try {
        const body = parseJson(letter.body);
        const r = unwrap(await processIntake(db, actor, source, body, { idempotencyKey: `replay:${letter.id}` }));
        outcome = { replayed: true, ...r };
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        outcome = { replayed: false, status: e.status, body: e.toJSON() };
      }
      await db.transaction(async (tx) => {
        await tx
          .update(deadLetters)
          .set({ replayResult: outcome, ...(outcome.replayed ? { replayedAt: new Date() } : {}) })
          .where(and(eq(deadLetters.workspaceId, actor.workspaceId), eq(deadLetters.id, letter.id)));
        await recordAudit(tx, actor, {
          action: "intake.dead_letter.replay",
          targetType: "dead_letter",
          targetId: letter.id,
          data: { source, replayed: outcome.replayed, status: outcome.status },
        });
      });
      return outcome;
    },
  );
}

export async function deleteDeadLetter(db: Database, actor: Actor, id: string): Promise<Result<{ id: string }>> {
  return toResult({ op: "intake.deleteDeadLetter", actor }, async () => {
    const letter = await getDeadLetter(db, actor, id);
    await db.delete(deadLetters).where(and(eq(deadLetters.workspaceId, actor.workspaceId), eq(deadLetters.id, letter.id)));
    return { id: letter.id };
  });
}
