import { and, eq, isNotNull, lte, or, sql } from "drizzle-orm";
import { generatorSettings } from "@/db/schema";
import type { Database } from "@/db/client";
import { logger } from "@/lib/logger";
import { withJobLock } from "@/lib/scheduler/advisory-lock";
import { publish } from "@/lib/realtime";
import { nextDelayMs } from "./compose";
import { afterGenerated, applyGenerate, generatorActor, type Generated } from "./generate";

const log = logger("generator");

export const GENERATOR_JOB = "generator";
/** How often the in-process scheduler looks for due generators. */
export const GENERATOR_POLL_MS = 15_000;

export type GeneratorJobReport = { ran: boolean; generated: number; errors: number };

/**
 * Generates every due incident under the job's advisory lock (one instance at a time): each
 * workspace whose generator is on and due gets one incident and its next time, drawn in its
 * interval range; a queued batch gives its next incident and counts down. A workspace whose
 * generation fails records the error and tries again at its next time; the others go on.
 */
export async function runGenerator(db: Database, options: { now?: Date; awaitDiagnosis?: boolean } = {}): Promise<GeneratorJobReport> {
  const now = options.now ?? new Date();
  const report: GeneratorJobReport = { ran: false, generated: 0, errors: 0 };
  const outcome = await withJobLock(db, GENERATOR_JOB, async (tx) => {
    const due = await tx
      .select()
      .from(generatorSettings)
      .where(
        or(
          and(eq(generatorSettings.enabled, true), lte(generatorSettings.nextRunAt, now)),
          and(isNotNull(generatorSettings.batch), lte(generatorSettings.batchNextAt, now)),
        ),
      )
      .for("update");
    const generated: Generated[] = [];
    for (const row of due) {
      const regular = row.enabled && !!row.nextRunAt && row.nextRunAt <= now;
      const batch = row.batch && row.batch.remaining > 0 && row.batchNextAt && row.batchNextAt <= now ? row.batch : null;
      try {
        await tx.transaction(async (sp) => {
          let seed = row.seed;
          if (batch) {
            const template = batch.templates.length ? batch.templates[batch.position % batch.templates.length] : undefined;
            generated.push(await applyGenerate(sp, { ...row, seed }, { template, now }));
            seed = (seed % 2_000_000_000) + 1;
            const remaining = batch.remaining - 1;
            await sp
              .update(generatorSettings)
              .set(
                remaining > 0
                  ? { batch: { ...batch, remaining, position: batch.position + 1 }, batchNextAt: new Date(now.getTime() + batch.intervalSeconds * 1000) }
                  : { batch: null, batchNextAt: null },
              )
              .where(eq(generatorSettings.workspaceId, row.workspaceId));
          }
          if (regular) {
            generated.push(await applyGenerate(sp, { ...row, seed }, { now }));
            seed = (seed % 2_000_000_000) + 1;
            await sp
              .update(generatorSettings)
              .set({ nextRunAt: new Date(now.getTime() + nextDelayMs(row.minIntervalSeconds, row.maxIntervalSeconds, seed)) })
              .where(eq(generatorSettings.workspaceId, row.workspaceId));
          }
        });
      } catch (err) {
        report.errors++;
        log.error({ err, workspaceId: row.workspaceId }, "generator failed for a workspace");
        const message = err instanceof Error ? err.message.slice(0, 500) : "generation failed";
        await tx
          .update(generatorSettings)
          .set({
            lastError: message,
            ...(regular ? { nextRunAt: new Date(now.getTime() + row.minIntervalSeconds * 1000) } : {}),
            ...(batch ? { batchNextAt: new Date(now.getTime() + batch.intervalSeconds * 1000) } : {}),
            version: sql`${generatorSettings.version} + 1`,
          })
          .where(eq(generatorSettings.workspaceId, row.workspaceId));
      }
    }
    return generated;
  });
  if (!outcome.ran) return report;
  report.ran = true;
  report.generated = outcome.value.length;
  const workspaces = new Set<string>();
  for (const g of outcome.value) {
    workspaces.add(g.incident.workspaceId);
    await afterGenerated(db, g, { awaitDiagnosis: options.awaitDiagnosis ?? true });
  }
  for (const ws of workspaces) await publish(generatorActor(ws), { type: "generator.updated", enabled: true });
  return report;
}
