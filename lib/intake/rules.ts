import { and, asc, eq } from "drizzle-orm";
import { intakeRules, type EventLevel, type IntakeRule, type Severity } from "@/db/schema";
import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/shared";
import { assertCan } from "@/lib/auth";
import { recordAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import { parseInput, toResult, type Result } from "@/lib/result";
import { z } from "zod";
import { ruleInputSchema } from "./schemas";
import { processState } from "@/lib/process-state";

export type EffectiveRule = { minCount: number; windowMs: number; minLevel: EventLevel; severity: Severity | null; enabled: boolean };

/** The rule: 5 events at ERROR or above within 5 minutes. */
export const DEFAULT_RULE: EffectiveRule = { minCount: 5, windowMs: 5 * 60_000, minLevel: "ERROR", severity: null, enabled: true };
export const WORKSPACE_DEFAULT_SERVICE = "*";

function toEffective(row: IntakeRule): EffectiveRule {
  return { minCount: row.minCount, windowMs: row.windowSeconds * 1000, minLevel: row.minLevel, severity: row.severity, enabled: row.enabled };
}

/**
 * Rules of each workspace, cached in memory for a few seconds: a workspace has a handful of rules,
 * and intake would otherwise read them on every request. A change made on this instance applies at
 * once; other instances pick it up within RULE_CACHE_MS.
 */
const RULE_CACHE_MS = 5_000;
const ruleCache = processState("intake-rules", () => new Map<string, { at: number; rules: Map<string, EffectiveRule> }>());

export function forgetRules(workspaceId: string): void {
  ruleCache.delete(workspaceId);
}

/** The rule that applies to each service: its own, else the workspace default, else DEFAULT_RULE. */
export async function loadRules(tx: Database, workspaceId: string): Promise<(service: string) => EffectiveRule> {
  let cached = ruleCache.get(workspaceId);
  if (!cached || Date.now() - cached.at > RULE_CACHE_MS) {
    const rows = await tx.select().from(intakeRules).where(eq(intakeRules.workspaceId, workspaceId));
    cached = { at: Date.now(), rules: new Map(rows.map((r) => [r.service, toEffective(r)])) };
    ruleCache.set(workspaceId, cached);
  }
  const byService = cached.rules;
  const fallback = byService.get(WORKSPACE_DEFAULT_SERVICE) ?? DEFAULT_RULE;
  return (service) => byService.get(service) ?? fallback;
}

export async function listRules(db: Database, actor: Actor): Promise<IntakeRule[]> {
  assertCan(actor, "incident:read");
  return db.select().from(intakeRules).where(eq(intakeRules.workspaceId, actor.workspaceId)).orderBy(asc(intakeRules.service));
}

/** Creates or replaces the rule of a service ("*": the workspace default). Admins only. */
export async function saveRule(db: Database, actor: Actor, input: unknown): Promise<Result<IntakeRule>> {
  return toResult({ op: "intake.saveRule", actor }, async () => {
    assertCan(actor, "workspace:admin");
    const rule = parseInput(ruleInputSchema, input);
    return db.transaction(async (tx) => {
      const values = { ...rule, workspaceId: actor.workspaceId, updatedAt: new Date() };
      const [row] = await tx
        .insert(intakeRules)
        .values(values)
        .onConflictDoUpdate({ target: [intakeRules.workspaceId, intakeRules.service], set: values })
        .returning();
      await recordAudit(tx, actor, { action: "intake.rule.save", targetType: "intake_rule", targetId: row.id, data: { ...rule } });
      return row;
    }).finally(() => forgetRules(actor.workspaceId));
  });
}

export async function deleteRule(db: Database, actor: Actor, id: string): Promise<Result<{ id: string }>> {
  return toResult({ op: "intake.deleteRule", actor }, async () => {
    assertCan(actor, "workspace:admin");
    const ruleId = parseInput(z.string().uuid("is not a valid rule id"), id);
    return db.transaction(async (tx) => {
      const [row] = await tx
        .delete(intakeRules)
        .where(and(eq(intakeRules.workspaceId, actor.workspaceId), eq(intakeRules.id, ruleId)))
        .returning();
      if (!row) throw new AppError("not_found:intake_rule", "Rule not found.");
      await recordAudit(tx, actor, { action: "intake.rule.delete", targetType: "intake_rule", targetId: row.id, data: { service: row.service } });
      return { id: row.id };
    }).finally(() => forgetRules(actor.workspaceId));
  });
}
