import { and, eq, sql } from "drizzle-orm";
import { generatorSettings, incidents, type GeneratorSettingsRow, type Incident } from "@/db/schema";
import type { Database } from "@/db/client";
import { systemActor, type Actor } from "@/lib/auth/shared";
import { assertCan } from "@/lib/auth";
import { AppError } from "@/lib/errors";
import { applyIncidentEdit } from "@/lib/incidents";
import { ingestEvents, loadRules } from "@/lib/intake";
import { logger } from "@/lib/logger";
import { publish } from "@/lib/realtime";
import { parseInput, toResult, type Result } from "@/lib/result";
import { uuidv7 } from "@/lib/uuidv7";
import { chooseTemplate, composeIncident, type ComposedIncident } from "./compose";
import { lockGenerator, workspaceTemplates } from "./settings";
import { generateSchema } from "./shared";

const log = logger("generator");

/** The generator acts in a workspace as the system, under its own name. */
export function generatorActor(workspaceId: string): Actor {
  return systemActor(workspaceId, "Incident generator");
}

export type Generated = { incident: Incident; composed: ComposedIncident; autoDiagnose: boolean };

/**
 * Writes one generated incident inside the caller's transaction, from the locked generator row: the
 * template (given, else drawn from the row's list by its seed), text composed from the seed, and the
 * "monitoring" log lines sent through intake like any other sender's — enough of them at the rule's
 * level to cross the workspace's threshold — tagged synthetic. The row's seed moves on.
 */
export async function applyGenerate(tx: Database, row: GeneratorSettingsRow, options: { template?: string; templates?: string[]; now: Date }): Promise<Generated> {
  const templates = workspaceTemplates();
  const template = options.template ? templates.find((t) => t.id === options.template) : chooseTemplate(templates, options.templates ?? row.templates, row.seed);
  if (!template) throw new AppError("unprocessable:generator", "Unknown template.", { issues: [{ path: "template", message: `"${options.template}" is not a generator template` }] });
  const composed = composeIncident(template, row.seed);
  const actor = generatorActor(row.workspaceId);
  const rule = (await loadRules(tx, row.workspaceId))(composed.service);
  const level = rule.minLevel === "FATAL" ? "FATAL" : "CRITICAL";
  const needed = Math.max(rule.minCount, composed.logs.length);
  const fingerprint = `gen:${uuidv7()}`;
  const base = options.now.getTime() - needed * 1000;
  const events = Array.from({ length: needed }, (_, i) => ({
    service: composed.service,
    level,
    message: composed.logs[i % composed.logs.length],
    timestamp: new Date(base + i * 1000).toISOString(),
    fingerprint,
    attributes: { generator: true, template: composed.templateId, category: composed.category },
  }));
  const result = await ingestEvents(tx, actor, events, { source: "generator", incidentType: "synthetic", now: options.now });
  if (!result.ok) throw new AppError(result.code, `Intake refused the generated events: ${result.error}`);
  const opened = result.data.incidents.find((i) => i.status === "created") ?? result.data.incidents[0];
  if (!opened) throw new AppError("conflict:generator", "Intake opened no incident for the generated events (is the intake rule for this service disabled?).");
  const [inc] = await tx.select().from(incidents).where(and(eq(incidents.workspaceId, row.workspaceId), eq(incidents.id, opened.id)));
  const { incident } = await applyIncidentEdit(tx, actor, inc.id, {
    title: composed.title,
    description: composed.description,
    severity: composed.severity,
    generatedBy: "generator",
    metadata: { ...inc.metadata, generator: { template: composed.templateId, seed: row.seed, category: composed.category }, ...(Object.keys(composed.metrics).length ? { generated_metrics: composed.metrics } : {}) },
  });
  await tx
    .update(generatorSettings)
    .set({ seed: (row.seed % 2_000_000_000) + 1, generatedCount: sql`${generatorSettings.generatedCount} + 1`, lastRunAt: options.now, lastError: null })
    .where(eq(generatorSettings.workspaceId, row.workspaceId));
  return { incident, composed, autoDiagnose: row.autoDiagnose };
}

/** After commit: tell browsers, and diagnose when the workspace asks for it (never fails the generation). */
export async function afterGenerated(db: Database, g: Generated, options: { awaitDiagnosis?: boolean } = {}): Promise<void> {
  const actor = generatorActor(g.incident.workspaceId);
  await publish(actor, { type: "incident.updated", incidentId: g.incident.id, version: g.incident.version, fields: ["title", "severity", "metadata"] });
  if (!g.autoDiagnose) return;
  const run = (async () => {
    try {
      const { runDiagnosis } = await import("@/lib/diagnosis");
      await runDiagnosis(db, actor, g.incident.id);
    } catch (err) {
      log.warn({ err, incidentId: g.incident.id }, "auto-diagnosis of a generated incident failed");
    }
  })();
  if (options.awaitDiagnosis) await run;
}

/** "Generate incident": one incident now, from a chosen template or a drawn one (responders and up). */
export async function generateIncident(db: Database, actor: Actor, input: unknown, options: { now?: Date; awaitDiagnosis?: boolean } = {}): Promise<Result<Generated>> {
  return toResult({ op: "generator.generate", actor }, async () => {
    assertCan(actor, "simulation:run");
    const { template } = parseInput(generateSchema, input ?? {});
    const now = options.now ?? new Date();
    const generated = await db.transaction(async (tx) => applyGenerate(tx, await lockGenerator(tx, actor.workspaceId), { template, now }));
    await afterGenerated(db, generated, { awaitDiagnosis: options.awaitDiagnosis });
    return generated;
  });
}
