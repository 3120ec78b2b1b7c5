import { and, asc, eq, inArray } from "drizzle-orm";
import { intakeRules, type EventLevel, type IntakeRule, type Severity } from "@/db/schema";
import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { parseInput, toResult, type Result } from "@/lib/result";
import { z } from "zod";
import { ruleInputSchema } from "./schemas";

export type EffectiveRule = { minCount: number; windowMs: number; minLevel: EventLevel; severity: Severity | null; enabled: boolean };

/** The rule: 5 events at ERROR or above within 5 minutes. */
export const DEFAULT_RULE: EffectiveRule = { minCount: 5, windowMs: 5 * 60_000, minLevel: "ERROR", severity: null, enabled: true };
export const WORKSPACE_DEFAULT_SERVICE = "*";

function toEffective(row: IntakeRule): EffectiveRule {
  return { minCount: row.minCount, windowMs: row.windowSeconds * 1000, minLevel: row.minLevel, severity: row.severity, enabled: row.enabled };
}

/** Rules for these services (and the workspace default), in one indexed query. */
export async function loadRules(tx: Database, workspaceId: string, services: string[]): Promise<(service: string) => EffectiveRule> {
  const rows = await tx
    .select()
    .from(intakeRules)
    .where(and(eq(intakeRules.workspaceId, workspaceId), inArray(intakeRules.service, [...new Set(services), WORKSPACE_DEFAULT_SERVICE])));
  const byService = new Map(rows.map((r) => [r.service, toEffective(r)]));
  const fallback = byService.get(WORKSPACE_DEFAULT_SERVICE) ?? DEFAULT_RULE;
  return (service) => byService.get(service) ?? fallback;
}

export async function listRules(db: Database, actor: Actor): Promise<IntakeRule[]> {
  assertCan(actor, "incident:read");
  return db.select().from(intakeRules).where(eq(intakeRules.workspaceId, actor.workspaceId)).orderBy(asc(intakeRules.service));
}

/** Creates or replaces the rule of a service ("*": the workspace default). Admins only. */
export async function saveRule(db: Database, actor: Actor, input: unknown): Promise<Result<IntakeRule>> {
  return toResult(async () => {
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
    });
  });
}

export async function deleteRule(db: Database, actor: Actor, id: string): Promise<Result<{ id: string }>> {
  return toResult(async () => {
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
    });
  });
}
