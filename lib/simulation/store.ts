import { and, asc, eq, sql } from "drizzle-orm";
import { customScenarios, simulationTopologies } from "@/db/schema";
import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/shared";
import { assertCan } from "@/lib/auth";
import { recordAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import { parseInput, toResult, type Result } from "@/lib/result";
import { z } from "zod";
import { DEFAULT_HEALTH_THRESHOLD } from "./health";
import { builtinScenarios, findBuiltinScenario } from "./scenarios";
import { scenarioSchema, unknownServices, type Difficulty, type Scenario } from "./schemas";
import { topologySchema, type Topology } from "@/lib/topology";
import { defaultTopology } from "@/lib/topology";

export type WorkspaceWorld = { topology: Topology; threshold: number; version: number; isDefault: boolean };

/** The workspace's topology and health threshold (the default Astronomy Shop until edited). */
export async function getWorkspaceWorld(db: Database, workspaceId: string): Promise<WorkspaceWorld> {
  const [row] = await db.select().from(simulationTopologies).where(eq(simulationTopologies.workspaceId, workspaceId)).limit(1);
  if (!row) return { topology: defaultTopology(), threshold: DEFAULT_HEALTH_THRESHOLD, version: 0, isDefault: true };
  const parsed = topologySchema.safeParse(row.topology);
  return { topology: parsed.success ? parsed.data : defaultTopology(), threshold: row.healthThreshold, version: row.version, isDefault: false };
}

export const saveTopologySchema = z.object({
  topology: topologySchema,
  health_threshold: z.coerce.number().min(1, "must be between 1 and 99").max(99, "must be between 1 and 99").default(DEFAULT_HEALTH_THRESHOLD),
  /** The version the editor loaded: a stale save is refused instead of overwriting. */
  version: z.coerce.number().int().min(0).optional(),
});

/** Replaces the workspace's topology (validated: known dependencies, no cycles) and threshold. */
export async function saveTopology(db: Database, actor: Actor, input: unknown): Promise<Result<WorkspaceWorld>> {
  return toResult({ op: "simulation.saveTopology", actor }, async () => {
    assertCan(actor, "workspace:admin");
    const data = parseInput(saveTopologySchema, input);
    const version = await db.transaction(async (tx) => {
      const [current] = await tx.select().from(simulationTopologies).where(eq(simulationTopologies.workspaceId, actor.workspaceId)).for("update");
      const currentVersion = current?.version ?? 0;
      if (data.version !== undefined && data.version !== currentVersion) {
        throw new AppError("conflict:topology", "Someone else changed the topology since you opened it. Reload, then try again.", { details: { currentVersion } });
      }
      const values = { topology: data.topology as unknown as Record<string, unknown>, healthThreshold: data.health_threshold, updatedByName: actor.name, updatedAt: new Date() };
      if (current) {
        await tx.update(simulationTopologies).set({ ...values, version: sql`${simulationTopologies.version} + 1` }).where(eq(simulationTopologies.workspaceId, actor.workspaceId));
      } else {
        await tx.insert(simulationTopologies).values({ workspaceId: actor.workspaceId, ...values, version: 1 });
      }
      await recordAudit(tx, actor, { action: "simulation.topology.save", targetType: "workspace", targetId: actor.workspaceId, data: { services: data.topology.services.length, threshold: data.health_threshold } });
      return currentVersion + 1;
    });
    return { topology: data.topology, threshold: data.health_threshold, version, isDefault: false };
  });
}

/** Puts the default topology back (and the default threshold). */
export async function resetTopology(db: Database, actor: Actor): Promise<Result<WorkspaceWorld>> {
  return toResult({ op: "simulation.resetTopology", actor }, async () => {
    assertCan(actor, "workspace:admin");
    await db.transaction(async (tx) => {
      await tx.delete(simulationTopologies).where(eq(simulationTopologies.workspaceId, actor.workspaceId));
      await recordAudit(tx, actor, { action: "simulation.topology.reset", targetType: "workspace", targetId: actor.workspaceId });
    });
    return { topology: defaultTopology(), threshold: DEFAULT_HEALTH_THRESHOLD, version: 0, isDefault: true };
  });
}

// ─── Scenarios: built-in + custom ────────────────────────────────────────────────────────────

export type CatalogEntry = Scenario & { source: "builtin" | "custom" };

export async function listCustomScenarios(db: Database, workspaceId: string): Promise<Scenario[]> {
  const rows = await db.select().from(customScenarios).where(eq(customScenarios.workspaceId, workspaceId)).orderBy(asc(customScenarios.scenarioId));
  const out: Scenario[] = [];
  for (const r of rows) {
    const p = scenarioSchema.safeParse(r.definition);
    if (p.success) out.push(p.data);
  }
  return out;
}

/** The catalog of a workspace: built-ins then its own scenarios, optionally filtered. */
export async function listScenarios(
  db: Database,
  workspaceId: string,
  filters: { difficulty?: Difficulty; tag?: string; kind?: "scenario" | "injection" } = {},
): Promise<CatalogEntry[]> {
  const all: CatalogEntry[] = [
    ...builtinScenarios().map((s) => ({ ...s, source: "builtin" as const })),
    ...(await listCustomScenarios(db, workspaceId)).map((s) => ({ ...s, source: "custom" as const })),
  ];
  return all.filter(
    (s) =>
      (!filters.difficulty || s.difficulty === filters.difficulty) &&
      (!filters.tag || s.tags.includes(filters.tag)) &&
      (!filters.kind || s.kind === filters.kind),
  );
}

export async function getScenario(db: Database, workspaceId: string, id: string): Promise<CatalogEntry> {
  const builtin = findBuiltinScenario(id);
  if (builtin) return { ...builtin, source: "builtin" };
  const [row] = await db
    .select()
    .from(customScenarios)
    .where(and(eq(customScenarios.workspaceId, workspaceId), eq(customScenarios.scenarioId, id)))
    .limit(1);
  const parsed = row ? scenarioSchema.safeParse(row.definition) : undefined;
  if (!parsed?.success) throw new AppError("not_found:scenario", `No scenario "${id}" in this workspace.`);
  return { ...parsed.data, source: "custom" };
}

/**
 * Validates a scenario as the builder and the importer send it: the format (zod, each field named)
 * and the workspace's topology (every service a fault names must exist).
 */
export async function validateScenario(db: Database, workspaceId: string, input: unknown): Promise<Scenario> {
  const scenario = parseInput(scenarioSchema, input);
  const { topology } = await getWorkspaceWorld(db, workspaceId);
  const issues = unknownServices(scenario, topology);
  if (issues.length) {
    throw new AppError("unprocessable:scenario", `Invalid scenario: ${issues.map((i) => `${i.path} ${i.message}`).join("; ")}`, { issues });
  }
  return scenario;
}

/** Creates or replaces a custom scenario; built-in ids are reserved. */
export async function saveCustomScenario(db: Database, actor: Actor, input: unknown): Promise<Result<Scenario>> {
  return toResult({ op: "simulation.saveCustomScenario", actor }, async () => {
    assertCan(actor, "simulation:run");
    const scenario = await validateScenario(db, actor.workspaceId, input);
    if (findBuiltinScenario(scenario.id)) {
      throw new AppError("conflict:scenario", `"${scenario.id}" is a built-in scenario: choose another id.`, { issues: [{ path: "id", message: "is taken by a built-in scenario" }] });
    }
    await db.transaction(async (tx) => {
      const definition = scenario as unknown as Record<string, unknown>;
      await tx
        .insert(customScenarios)
        .values({ workspaceId: actor.workspaceId, scenarioId: scenario.id, definition, createdByName: actor.name })
        .onConflictDoUpdate({ target: [customScenarios.workspaceId, customScenarios.scenarioId], set: { definition, updatedAt: new Date() } });
      await recordAudit(tx, actor, { action: "simulation.scenario.save", targetType: "scenario", targetId: scenario.id });
    });
    return scenario;
  });
}

export async function deleteCustomScenario(db: Database, actor: Actor, id: string): Promise<Result<{ id: string }>> {
  return toResult({ op: "simulation.deleteCustomScenario", actor }, async () => {
    assertCan(actor, "simulation:run");
    const deleted = await db.transaction(async (tx) => {
      const rows = await tx
        .delete(customScenarios)
        .where(and(eq(customScenarios.workspaceId, actor.workspaceId), eq(customScenarios.scenarioId, id)))
        .returning({ id: customScenarios.id });
      if (rows.length) await recordAudit(tx, actor, { action: "simulation.scenario.delete", targetType: "scenario", targetId: id });
      return rows.length;
    });
    if (!deleted) throw new AppError("not_found:scenario", `No custom scenario "${id}".`);
    return { id };
  });
}
