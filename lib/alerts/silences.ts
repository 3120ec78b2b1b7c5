import { and, desc, eq, gt, lte, sql } from "drizzle-orm";
import { silences, type Silence } from "@/db/schema";
import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/shared";
import { assertCan } from "@/lib/auth";
import { recordAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import { parseInput, toResult, type Result } from "@/lib/result";
import { createSilenceSchema } from "./schemas";
import { forgetSuppressions } from "./suppression";
import type { SilenceView } from "./view";

export function silenceView(s: Silence, now = new Date()): SilenceView {
  const state = now < s.startsAt ? "pending" : now < s.endsAt ? "active" : "expired";
  return {
    id: s.id,
    matcher: s.matcher,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    reason: s.reason,
    state,
    createdBy: s.createdByName,
    createdAt: s.createdAt.toISOString(),
    expiredAt: s.expiredAt?.toISOString() ?? null,
  };
}

/** The workspace's silences: in force and pending first (soonest end first), then expired ones, newest first. */
export async function listSilences(db: Database, actor: Actor, options: { limit?: number } = {}): Promise<SilenceView[]> {
  assertCan(actor, "incident:read");
  const now = new Date();
  const limit = Math.min(Math.max(options.limit ?? 100, 1), 500);
  const [current, expired] = await Promise.all([
    db.select().from(silences).where(and(eq(silences.workspaceId, actor.workspaceId), gt(silences.endsAt, now))).orderBy(silences.endsAt).limit(limit),
    db.select().from(silences).where(and(eq(silences.workspaceId, actor.workspaceId), lte(silences.endsAt, now))).orderBy(desc(silences.endsAt)).limit(limit),
  ]);
  return [...current, ...expired].map((s) => silenceView(s, now));
}

/** Creates a silence (responders and up): from the next signal on, intake holds what it matches. */
export async function createSilence(db: Database, actor: Actor, input: unknown): Promise<Result<SilenceView>> {
  return toResult({ op: "alerts.createSilence", actor }, async () => {
    assertCan(actor, "incident:write");
    const v = parseInput(createSilenceSchema, input);
    const row = await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(silences)
        .values({
          workspaceId: actor.workspaceId,
          matcher: v.matcher,
          startsAt: v.startsAt,
          endsAt: v.endsAt,
          reason: v.reason,
          createdByKind: actor.kind,
          createdById: actor.id ?? null,
          createdByName: actor.name,
        })
        .returning();
      await recordAudit(tx, actor, { action: "alerts.silence.create", targetType: "silence", targetId: row.id, data: { matcher: v.matcher, startsAt: v.startsAt, endsAt: v.endsAt, reason: v.reason } });
      return row;
    });
    forgetSuppressions(actor.workspaceId);
    return silenceView(row);
  });
}

/**
 * Expires a silence now (DELETE in REST): it stays listed as expired. Expiring one that has already
 * ended changes nothing.
 */
export async function expireSilence(db: Database, actor: Actor, id: string): Promise<Result<SilenceView>> {
  return toResult({ op: "alerts.expireSilence", actor }, async () => {
    assertCan(actor, "incident:write");
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError("not_found:silence", "No such silence.");
    const row = await db.transaction(async (tx) => {
      const [current] = await tx.select().from(silences).where(and(eq(silences.workspaceId, actor.workspaceId), eq(silences.id, id))).for("update");
      if (!current) throw new AppError("not_found:silence", "No such silence.");
      if (current.endsAt <= new Date()) return current;
      const [row] = await tx
        .update(silences)
        .set({ endsAt: sql`greatest(now(), ${silences.startsAt})`, expiredAt: sql`now()` })
        .where(eq(silences.id, id))
        .returning();
      await recordAudit(tx, actor, { action: "alerts.silence.expire", targetType: "silence", targetId: id });
      return row;
    });
    forgetSuppressions(actor.workspaceId);
    return silenceView(row);
  });
}
