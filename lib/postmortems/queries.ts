import { and, asc, desc, eq } from "drizzle-orm";
import { incidents, postmortemActionItems, postmortems, type Incident, type Postmortem, type PostmortemActionItem } from "@/db/schema";
import type { Database } from "@/db/client";
import { AppError } from "@/lib/errors";
import { incidentKey } from "@/lib/incidents/shared";
import type { ActionItemView, PostmortemView, WorkspaceActionItemView } from "./shared";

export function toActionItemView(a: PostmortemActionItem): ActionItemView {
  return { id: a.id, postmortemId: a.postmortemId, incidentId: a.incidentId, title: a.title, ownerId: a.ownerId, ownerName: a.ownerName, dueDate: a.dueDate, status: a.status };
}

export function toPostmortemView(pm: Postmortem, incident: Incident, items: PostmortemActionItem[]): PostmortemView {
  return {
    id: pm.id,
    incidentId: incident.id,
    incidentKey: incidentKey(incident.number),
    incidentTitle: incident.title,
    severity: incident.severity,
    service: incident.service,
    title: pm.title,
    status: pm.status,
    sections: pm.sections,
    timeline: pm.timeline,
    reviewers: pm.reviewers,
    actionItems: items.map(toActionItemView),
    version: pm.version,
    createdByName: pm.createdByName,
    createdAt: pm.createdAt.toISOString(),
    updatedAt: pm.updatedAt.toISOString(),
    publishedAt: pm.publishedAt ? pm.publishedAt.toISOString() : null,
  };
}

export async function findIncidentRow(db: Database, workspaceId: string, id: string): Promise<Incident> {
  const [row] = await db.select().from(incidents).where(and(eq(incidents.workspaceId, workspaceId), eq(incidents.id, id)));
  if (!row) throw new AppError("not_found:incident", "No such incident in this workspace.");
  return row;
}

/** The incident's report, or null when none was written yet. */
export async function getPostmortem(db: Database, workspaceId: string, incidentId: string): Promise<PostmortemView | null> {
  const incident = await findIncidentRow(db, workspaceId, incidentId);
  const [pm] = await db.select().from(postmortems).where(and(eq(postmortems.workspaceId, workspaceId), eq(postmortems.incidentId, incidentId)));
  if (!pm) return null;
  const items = await db.select().from(postmortemActionItems).where(eq(postmortemActionItems.postmortemId, pm.id)).orderBy(asc(postmortemActionItems.createdAt));
  return toPostmortemView(pm, incident, items);
}

/** Every action item of the workspace's reports: open ones first, then by due date. */
export async function listActionItems(db: Database, workspaceId: string): Promise<WorkspaceActionItemView[]> {
  const rows = await db
    .select({ item: postmortemActionItems, number: incidents.number, incidentTitle: incidents.title, postmortemStatus: postmortems.status })
    .from(postmortemActionItems)
    .innerJoin(postmortems, eq(postmortems.id, postmortemActionItems.postmortemId))
    .innerJoin(incidents, eq(incidents.id, postmortemActionItems.incidentId))
    .where(eq(postmortemActionItems.workspaceId, workspaceId))
    .orderBy(asc(postmortemActionItems.status), asc(postmortemActionItems.dueDate), desc(postmortemActionItems.createdAt))
    .limit(500);
  return rows.map((r) => ({ ...toActionItemView(r.item), incidentKey: incidentKey(r.number), incidentTitle: r.incidentTitle, postmortemStatus: r.postmortemStatus }));
}
