import { and, asc, desc, eq } from "drizzle-orm";
import { alertSignals, diagnoses, incidentRunbooks, incidents, runbooks, runbookVersions, type Runbook, type RunbookVersion } from "@/db/schema";
import type { Database } from "@/db/client";
import { AppError } from "@/lib/errors";
import { runbookLibrary } from "./library";
import { scoreRunbook, type IncidentRunbooksView, type RunbookSuggestion, type RunbookVersionView, type RunbookView } from "./shared";

export function toRunbookView(r: Runbook): RunbookView {
  return {
    id: r.id,
    title: r.title,
    summary: r.summary,
    services: r.services,
    categories: r.categories,
    body: r.body,
    version: r.version,
    origin: r.origin,
    updatedByName: r.updatedByName,
    updatedAt: r.updatedAt.toISOString(),
  };
}

function toVersionView(v: RunbookVersion): RunbookVersionView {
  return {
    version: v.version,
    title: v.title,
    summary: v.summary,
    services: v.services,
    categories: v.categories,
    body: v.body,
    restoredFrom: v.restoredFrom,
    createdByName: v.createdByName,
    createdAt: v.createdAt.toISOString(),
  };
}

/**
 * Puts the built-in runbooks into a workspace that has none of them yet (first read of the library):
 * idempotent, a race between two readers inserts each title once.
 */
export async function ensureRunbookLibrary(db: Database, workspaceId: string): Promise<void> {
  const [any] = await db.select({ id: runbooks.id }).from(runbooks).where(and(eq(runbooks.workspaceId, workspaceId), eq(runbooks.origin, "builtin"))).limit(1);
  if (any) return;
  await db.transaction(async (tx) => {
    const rows = await tx
      .insert(runbooks)
      .values(runbookLibrary.map((r) => ({ workspaceId, ...r, origin: "builtin", updatedByKind: "system" as const, updatedById: null, updatedByName: "Firedrill" })))
      .onConflictDoNothing()
      .returning();
    if (rows.length === 0) return;
    await tx.insert(runbookVersions).values(
      rows.map((r) => ({
        workspaceId,
        runbookId: r.id,
        version: 1,
        title: r.title,
        summary: r.summary,
        services: r.services,
        categories: r.categories,
        body: r.body,
        createdByKind: "system" as const,
        createdById: null,
        createdByName: "Firedrill",
      })),
    );
  });
}

export async function listRunbooks(db: Database, workspaceId: string): Promise<RunbookView[]> {
  await ensureRunbookLibrary(db, workspaceId);
  const rows = await db.select().from(runbooks).where(eq(runbooks.workspaceId, workspaceId)).orderBy(asc(runbooks.title));
  return rows.map(toRunbookView);
}

export async function findRunbookRow(db: Database, workspaceId: string, id: string): Promise<Runbook> {
  const [row] = await db.select().from(runbooks).where(and(eq(runbooks.workspaceId, workspaceId), eq(runbooks.id, id)));
  if (!row) throw new AppError("not_found:runbook", "No such runbook in this workspace.");
  return row;
}

export async function getRunbook(db: Database, workspaceId: string, id: string): Promise<{ runbook: RunbookView; versions: RunbookVersionView[] }> {
  const row = await findRunbookRow(db, workspaceId, id);
  const versions = await db
    .select()
    .from(runbookVersions)
    .where(and(eq(runbookVersions.workspaceId, workspaceId), eq(runbookVersions.runbookId, id)))
    .orderBy(desc(runbookVersions.version));
  return { runbook: toRunbookView(row), versions: versions.map(toVersionView) };
}

/**
 * The runbooks of an incident: those attached (with their ticks), the others ranked by fit (its
 * service first, then the latest diagnosis's category), and `runbook_url` links from its alerts.
 */
export async function getIncidentRunbooks(db: Database, workspaceId: string, incidentId: string): Promise<IncidentRunbooksView> {
  const [incident] = await db
    .select({ id: incidents.id, service: incidents.service, affectedSystems: incidents.affectedSystems, metadata: incidents.metadata })
    .from(incidents)
    .where(and(eq(incidents.workspaceId, workspaceId), eq(incidents.id, incidentId)));
  if (!incident) throw new AppError("not_found:incident", "No such incident in this workspace.");
  const all = await listRunbooks(db, workspaceId);
  const [latest] = await db
    .select({ category: diagnoses.category, abstained: diagnoses.abstained })
    .from(diagnoses)
    .where(and(eq(diagnoses.workspaceId, workspaceId), eq(diagnoses.incidentId, incidentId)))
    .orderBy(desc(diagnoses.createdAt))
    .limit(1);
  const category = latest && !latest.abstained ? latest.category : null;
  const attachedRows = await db
    .select()
    .from(incidentRunbooks)
    .where(and(eq(incidentRunbooks.workspaceId, workspaceId), eq(incidentRunbooks.incidentId, incidentId)))
    .orderBy(asc(incidentRunbooks.createdAt));
  const byId = new Map(all.map((r) => [r.id, r]));
  const attached = [];
  for (const a of attachedRows) {
    const runbook = byId.get(a.runbookId);
    if (!runbook) continue;
    let body = runbook.body;
    if (a.runbookVersion !== runbook.version) {
      const [v] = await db
        .select({ body: runbookVersions.body })
        .from(runbookVersions)
        .where(and(eq(runbookVersions.runbookId, a.runbookId), eq(runbookVersions.version, a.runbookVersion)));
      if (v) body = v.body;
    }
    attached.push({ id: a.id, runbook, runbookVersion: a.runbookVersion, body, checked: a.checked, attachedByName: a.attachedByName, createdAt: a.createdAt.toISOString() });
  }
  const attachedIds = new Set(attachedRows.map((a) => a.runbookId));
  const suggestions: RunbookSuggestion[] = all
    .filter((r) => !attachedIds.has(r.id))
    .map((r) => ({ runbook: r, ...scoreRunbook(r, { service: incident.service, affectedSystems: incident.affectedSystems, category }) }))
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.runbook.title.localeCompare(b.runbook.title))
    .slice(0, 5);
  return { attached, suggestions, links: await runbookLinks(db, workspaceId, incidentId, incident.metadata) };
}

async function runbookLinks(db: Database, workspaceId: string, incidentId: string, metadata: Record<string, unknown>): Promise<{ url: string; source: string }[]> {
  const rows = await db
    .select({ source: alertSignals.source, annotations: alertSignals.annotations })
    .from(alertSignals)
    .where(and(eq(alertSignals.workspaceId, workspaceId), eq(alertSignals.incidentId, incidentId)));
  const links = new Map<string, string>();
  for (const r of rows) {
    const url = r.annotations?.runbook_url;
    if (typeof url === "string" && /^https?:\/\//i.test(url)) links.set(url, r.source);
  }
  const meta = metadata?.runbook_url;
  if (typeof meta === "string" && /^https?:\/\//i.test(meta)) links.set(meta, "incident");
  return [...links].map(([url, source]) => ({ url, source })).slice(0, 10);
}
