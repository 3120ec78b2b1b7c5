import { and, eq, sql } from "drizzle-orm";
import { runbooks, runbookVersions, type Runbook } from "@/db/schema";
import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/shared";
import { assertCan } from "@/lib/auth";
import { recordAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import { publish } from "@/lib/realtime";
import { parseInput, toResult, type Result } from "@/lib/result";
import { incidentIdSchema } from "@/lib/incidents/shared";
import { findRunbookRow, toRunbookView } from "./queries";
import { restoreRunbookSchema, runbookInputSchema, runbookUpdateSchema, type RunbookView } from "./shared";

type Content = { title: string; summary: string; services: string[]; categories: string[]; body: string };

async function keepVersion(tx: Database, actor: Actor, row: Runbook, restoredFrom: number | null = null): Promise<void> {
  await tx.insert(runbookVersions).values({
    workspaceId: actor.workspaceId,
    runbookId: row.id,
    version: row.version,
    title: row.title,
    summary: row.summary,
    services: row.services,
    categories: row.categories,
    body: row.body,
    restoredFrom,
    createdByKind: actor.kind,
    createdById: actor.id,
    createdByName: actor.name,
  });
}

function duplicateTitle(err: unknown): boolean {
  const text = String((err as { message?: string })?.message ?? "") + String((err as { cause?: { message?: string } })?.cause?.message ?? "");
  return text.includes("runbooks_workspace_title_idx");
}

export async function createRunbook(db: Database, actor: Actor, input: unknown): Promise<Result<RunbookView>> {
  return toResult({ op: "runbooks.create", actor }, async () => {
    assertCan(actor, "runbook:write");
    const data = parseInput(runbookInputSchema, input);
    try {
      const row = await db.transaction(async (tx) => {
        const [created] = await tx
          .insert(runbooks)
          .values({ workspaceId: actor.workspaceId, ...data, origin: "user", updatedByKind: actor.kind, updatedById: actor.id, updatedByName: actor.name })
          .returning();
        await keepVersion(tx, actor, created);
        await recordAudit(tx, actor, { action: "runbook.create", targetType: "runbook", targetId: created.id, data: { title: created.title } });
        return created;
      });
      await publish(actor, { type: "runbook.updated", runbookId: row.id, incidentId: null });
      return toRunbookView(row);
    } catch (err) {
      if (duplicateTitle(err)) throw new AppError("conflict:runbook", "A runbook with this title already exists.", { issues: [{ path: "title", message: "is already used by another runbook" }] });
      throw err;
    }
  });
}

async function saveContent(db: Database, actor: Actor, id: string, expectedVersion: number, content: Content, restoredFrom: number | null): Promise<RunbookView> {
  try {
    const row = await db.transaction(async (tx) => {
      const [updated] = await tx
        .update(runbooks)
        .set({ ...content, version: sql`${runbooks.version} + 1`, updatedAt: new Date(), updatedByKind: actor.kind, updatedById: actor.id, updatedByName: actor.name })
        .where(and(eq(runbooks.workspaceId, actor.workspaceId), eq(runbooks.id, id), eq(runbooks.version, expectedVersion)))
        .returning();
      if (!updated) {
        const current = await findRunbookRow(tx, actor.workspaceId, id);
        throw new AppError("conflict:runbook", "Someone else saved this runbook since you opened it. Reload to see their change.", {
          details: { currentVersion: current.version },
        });
      }
      await keepVersion(tx, actor, updated, restoredFrom);
      await recordAudit(tx, actor, { action: restoredFrom ? "runbook.restore" : "runbook.update", targetType: "runbook", targetId: id, data: { version: updated.version, restoredFrom } });
      return updated;
    });
    await publish(actor, { type: "runbook.updated", runbookId: row.id, incidentId: null });
    return toRunbookView(row);
  } catch (err) {
    if (duplicateTitle(err)) throw new AppError("conflict:runbook", "A runbook with this title already exists.", { issues: [{ path: "title", message: "is already used by another runbook" }] });
    throw err;
  }
}

/** Saves a runbook carrying the version it was read at (a stale one is a 409); the new version is kept in the history. */
export async function updateRunbook(db: Database, actor: Actor, id: string, input: unknown): Promise<Result<RunbookView>> {
  return toResult({ op: "runbooks.update", actor }, async () => {
    assertCan(actor, "runbook:write");
    const runbookId = parseInput(incidentIdSchema, id);
    const { version, ...content } = parseInput(runbookUpdateSchema, input);
    return saveContent(db, actor, runbookId, version, content, null);
  });
}

/** Brings back an older version as a new one (history is never rewritten). */
export async function restoreRunbookVersion(db: Database, actor: Actor, id: string, input: unknown): Promise<Result<RunbookView>> {
  return toResult({ op: "runbooks.restore", actor }, async () => {
    assertCan(actor, "runbook:write");
    const runbookId = parseInput(incidentIdSchema, id);
    const { version, currentVersion } = parseInput(restoreRunbookSchema, input);
    const [old] = await db
      .select()
      .from(runbookVersions)
      .where(and(eq(runbookVersions.workspaceId, actor.workspaceId), eq(runbookVersions.runbookId, runbookId), eq(runbookVersions.version, version)));
    if (!old) throw new AppError("not_found:runbook", `This runbook has no version ${version}.`);
    return saveContent(db, actor, runbookId, currentVersion, { title: old.title, summary: old.summary, services: old.services, categories: old.categories, body: old.body }, version);
  });
}
