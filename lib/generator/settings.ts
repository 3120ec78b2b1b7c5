import { eq, sql } from "drizzle-orm";
import { generatorSettings, type GeneratorSettingsRow } from "@/db/schema";
import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/shared";
import { assertCan } from "@/lib/auth";
import { recordAudit } from "@/lib/audit";
import { builtinScenarios } from "@/lib/simulation";
import { publish } from "@/lib/realtime";
import { parseInput, toResult, type Result } from "@/lib/result";
import { AppError } from "@/lib/errors";
import { allTemplates, nextDelayMs, type CatalogScenario } from "./compose";
import { batchSchema, DEFAULT_GENERATOR, generatorSettingsSchema, type GeneratorStatus } from "./shared";
import type { IncidentTemplate } from "./templates";

export function catalogScenarios(): CatalogScenario[] {
  return builtinScenarios().map((s) => ({ id: s.id, name: s.name, description: s.description, root_service: s.root_service, severity: s.severity }));
}

export function workspaceTemplates(): IncidentTemplate[] {
  return allTemplates(catalogScenarios());
}

/** The generator row of a workspace, created (off, defaults) on first use, locked for the caller's transaction. */
export async function lockGenerator(tx: Database, workspaceId: string): Promise<GeneratorSettingsRow> {
  await tx.insert(generatorSettings).values({ workspaceId }).onConflictDoNothing();
  const [row] = await tx.select().from(generatorSettings).where(eq(generatorSettings.workspaceId, workspaceId)).for("update");
  return row;
}

export async function readGenerator(db: Database, workspaceId: string): Promise<GeneratorSettingsRow | null> {
  const [row] = await db.select().from(generatorSettings).where(eq(generatorSettings.workspaceId, workspaceId));
  return row ?? null;
}

export function statusView(row: GeneratorSettingsRow | null): GeneratorStatus {
  const available = workspaceTemplates().map((t) => ({ id: t.id, label: t.label, service: t.service }));
  if (!row) {
    return {
      enabled: false,
      ...DEFAULT_GENERATOR,
      templates: [],
      nextRunAt: null,
      lastRunAt: null,
      generatedCount: 0,
      batch: null,
      lastError: null,
      available,
    };
  }
  return {
    enabled: row.enabled,
    minIntervalSeconds: row.minIntervalSeconds,
    maxIntervalSeconds: row.maxIntervalSeconds,
    templates: row.templates,
    autoDiagnose: row.autoDiagnose,
    nextRunAt: row.enabled && row.nextRunAt ? row.nextRunAt.toISOString() : null,
    lastRunAt: row.lastRunAt?.toISOString() ?? null,
    generatedCount: row.generatedCount,
    batch: row.batch && row.batch.remaining > 0 ? { remaining: row.batch.remaining, intervalSeconds: row.batch.intervalSeconds, templates: row.batch.templates, nextAt: row.batchNextAt?.toISOString() ?? null } : null,
    lastError: row.lastError,
    available,
  };
}

export async function getGeneratorStatus(db: Database, actor: Actor): Promise<GeneratorStatus> {
  assertCan(actor, "incident:read");
  return statusView(await readGenerator(db, actor.workspaceId));
}

function checkTemplates(ids: string[] | undefined, path: string): void {
  if (!ids) return;
  const known = new Set(workspaceTemplates().map((t) => t.id));
  const bad = ids.map((id, i) => ({ id, i })).filter((x) => !known.has(x.id));
  if (bad.length) {
    throw new AppError("unprocessable:generator", "Unknown template.", {
      issues: bad.map((b) => ({ path: `${path}.${b.i}`, message: `"${b.id}" is not a generator template` })),
    });
  }
}

/**
 * Changes the generator's settings (responders and up): on/off, interval range, templates,
 * auto-diagnosis. Turning it on (or changing the interval) schedules the next incident.
 */
export async function updateGeneratorSettings(db: Database, actor: Actor, input: unknown, options: { now?: Date } = {}): Promise<Result<GeneratorStatus>> {
  return toResult({ op: "generator.update", actor }, async () => {
    assertCan(actor, "simulation:run");
    const patch = parseInput(generatorSettingsSchema, input);
    checkTemplates(patch.templates, "templates");
    const now = options.now ?? new Date();
    const row = await db.transaction(async (tx) => {
      const current = await lockGenerator(tx, actor.workspaceId);
      const min = patch.minIntervalSeconds ?? current.minIntervalSeconds;
      const max = patch.maxIntervalSeconds ?? Math.max(current.maxIntervalSeconds, min);
      if (max < min) throw new AppError("unprocessable:generator", "The maximum interval is below the minimum.", { issues: [{ path: "maxIntervalSeconds", message: "must be at least the minimum interval" }] });
      const enabled = patch.enabled ?? current.enabled;
      const reschedule = enabled && (!current.enabled || patch.minIntervalSeconds !== undefined || patch.maxIntervalSeconds !== undefined || !current.nextRunAt);
      const [updated] = await tx
        .update(generatorSettings)
        .set({
          enabled,
          minIntervalSeconds: min,
          maxIntervalSeconds: max,
          templates: patch.templates ?? current.templates,
          autoDiagnose: patch.autoDiagnose ?? current.autoDiagnose,
          nextRunAt: reschedule ? new Date(now.getTime() + nextDelayMs(min, max, current.seed)) : enabled ? current.nextRunAt : null,
          lastError: enabled && !current.enabled ? null : current.lastError,
          version: sql`${generatorSettings.version} + 1`,
          updatedAt: now,
        })
        .where(eq(generatorSettings.workspaceId, actor.workspaceId))
        .returning();
      await recordAudit(tx, actor, { action: "generator.settings", targetType: "workspace", targetId: actor.workspaceId, data: { ...patch } });
      return updated;
    });
    await publish(actor, { type: "generator.updated", enabled: row.enabled });
    return statusView(row);
  });
}

export const startGenerator = (db: Database, actor: Actor, options: { now?: Date } = {}) => updateGeneratorSettings(db, actor, { enabled: true }, options);
export const stopGenerator = (db: Database, actor: Actor, options: { now?: Date } = {}) => updateGeneratorSettings(db, actor, { enabled: false }, options);

/** Queues a batch: `count` incidents, one every `intervalSeconds`, the first right away (the scheduler picks it up). */
export async function scheduleBatch(db: Database, actor: Actor, input: unknown, options: { now?: Date } = {}): Promise<Result<GeneratorStatus>> {
  return toResult({ op: "generator.batch", actor }, async () => {
    assertCan(actor, "simulation:run");
    const batch = parseInput(batchSchema, input);
    checkTemplates(batch.templates, "templates");
    const now = options.now ?? new Date();
    const row = await db.transaction(async (tx) => {
      await lockGenerator(tx, actor.workspaceId);
      const [updated] = await tx
        .update(generatorSettings)
        .set({ batch: { remaining: batch.count, intervalSeconds: batch.intervalSeconds, templates: batch.templates, position: 0 }, batchNextAt: now, version: sql`${generatorSettings.version} + 1`, updatedAt: now })
        .where(eq(generatorSettings.workspaceId, actor.workspaceId))
        .returning();
      await recordAudit(tx, actor, { action: "generator.batch", targetType: "workspace", targetId: actor.workspaceId, data: batch });
      return updated;
    });
    await publish(actor, { type: "generator.updated", enabled: row.enabled });
    return statusView(row);
  });
}

/** Drops a queued batch. */
export async function cancelBatch(db: Database, actor: Actor): Promise<Result<GeneratorStatus>> {
  return toResult({ op: "generator.cancelBatch", actor }, async () => {
    assertCan(actor, "simulation:run");
    const row = await db.transaction(async (tx) => {
      await lockGenerator(tx, actor.workspaceId);
      const [updated] = await tx
        .update(generatorSettings)
        .set({ batch: null, batchNextAt: null, version: sql`${generatorSettings.version} + 1` })
        .where(eq(generatorSettings.workspaceId, actor.workspaceId))
        .returning();
      await recordAudit(tx, actor, { action: "generator.batch.cancel", targetType: "workspace", targetId: actor.workspaceId });
      return updated;
    });
    await publish(actor, { type: "generator.updated", enabled: row.enabled });
    return statusView(row);
  });
}
