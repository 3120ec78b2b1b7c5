import { and, eq, sql } from "drizzle-orm";
import { memberships, postmortemActionItems, postmortems, users, type Postmortem, type PostmortemReviewer } from "@/db/schema";
import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/shared";
import { assertCan } from "@/lib/auth";
import { recordAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import { incidentIdSchema, incidentKey } from "@/lib/incidents/shared";
import { publish } from "@/lib/realtime";
import { parseInput, toResult, type Result } from "@/lib/result";
import { draftPostmortem } from "./draft";
import { findIncidentRow, getPostmortem, toActionItemView } from "./queries";
import { actionItemInputSchema, actionItemPatchSchema, postmortemPatchSchema, postmortemTransitions, sectionTitles, type ActionItemView, type PostmortemView } from "./shared";

function isUniqueViolation(err: unknown, index: string): boolean {
  const text = `${(err as { message?: string })?.message ?? ""} ${(err as { cause?: { message?: string } })?.cause?.message ?? ""}`;
  return text.includes(index);
}

async function view(db: Database, actor: Actor, incidentId: string): Promise<PostmortemView> {
  const pm = await getPostmortem(db, actor.workspaceId, incidentId);
  if (!pm) throw new AppError("not_found:postmortem", "This incident has no post-mortem yet.");
  return pm;
}

/**
 * "Write post-mortem": a draft from the report template, filled from the incident's own records.
 * Only for a resolved (or closed) incident (422), and once per incident (409).
 */
export async function createPostmortem(db: Database, actor: Actor, incidentId: string): Promise<Result<PostmortemView>> {
  return toResult({ op: "postmortems.create", actor }, async () => {
    assertCan(actor, "postmortem:write");
    const id = parseInput(incidentIdSchema, incidentId);
    const incident = await findIncidentRow(db, actor.workspaceId, id);
    if (incident.status !== "resolved" && incident.status !== "closed") {
      throw new AppError("unprocessable:incident", "A post-mortem is written once the incident is resolved.", { issues: [{ path: "status", message: `is ${incident.status}; resolve the incident first` }] });
    }
    const draft = await draftPostmortem(db, incident);
    let pm: Postmortem;
    try {
      pm = await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(postmortems)
          .values({
            workspaceId: actor.workspaceId,
            incidentId: id,
            title: incident.title,
            sections: draft.sections,
            timeline: draft.timeline,
            createdByKind: actor.kind,
            createdById: actor.id,
            createdByName: actor.name,
          })
          .returning();
        await recordAudit(tx, actor, { action: "postmortem.create", targetType: "incident", targetId: id, data: { postmortemId: row.id } });
        return row;
      });
    } catch (err) {
      if (isUniqueViolation(err, "postmortems_incident_idx")) throw new AppError("conflict:postmortem", `${incidentKey(incident.number)} already has a post-mortem.`);
      throw err;
    }
    await publish(actor, { type: "postmortem.updated", incidentId: id, postmortemId: pm.id, version: pm.version });
    return view(db, actor, id);
  });
}

/**
 * Saves edits (title, section bodies, accepting a drafted section) and moves the status
 * (draft → in review → published; back to draft). Carries the version it read: stale is a 409 with
 * the current version. A person's edit makes a section theirs; publishing needs every section accepted.
 */
export async function updatePostmortem(db: Database, actor: Actor, incidentId: string, input: unknown): Promise<Result<PostmortemView>> {
  return toResult({ op: "postmortems.update", actor }, async () => {
    assertCan(actor, "postmortem:write");
    const id = parseInput(incidentIdSchema, incidentId);
    const patch = parseInput(postmortemPatchSchema, input);
    const saved = await db.transaction(async (tx) => {
      const [current] = await tx
        .select()
        .from(postmortems)
        .where(and(eq(postmortems.workspaceId, actor.workspaceId), eq(postmortems.incidentId, id)))
        .for("update");
      if (!current) throw new AppError("not_found:postmortem", "This incident has no post-mortem yet.");
      if (current.version !== patch.version) {
        throw new AppError("conflict:postmortem", "Someone else saved this post-mortem since you opened it. Reload to see their change.", { details: { currentVersion: current.version } });
      }
      const sections = current.sections.map((s) => ({ ...s }));
      for (const change of patch.sections ?? []) {
        const s = sections.find((x) => x.key === change.key);
        if (!s) continue;
        if (change.body !== undefined && change.body !== s.body) {
          s.body = change.body;
          s.origin = "person";
          s.accepted = true;
        }
        if (change.accepted) s.accepted = true;
      }
      const reviewers: PostmortemReviewer[] = [...current.reviewers];
      let publishedAt = current.publishedAt;
      if (patch.status && patch.status !== current.status) {
        if (!postmortemTransitions[current.status].includes(patch.status)) {
          throw new AppError("unprocessable:status", `A post-mortem cannot go from ${current.status} to ${patch.status}.`, { issues: [{ path: "status", message: `must be one of ${postmortemTransitions[current.status].join(", ")}` }] });
        }
        if (patch.status === "published") {
          const drafts = sections.filter((s) => !s.accepted);
          if (drafts.length) {
            throw new AppError("unprocessable:sections", `Accept or edit the drafted sections before publishing: ${drafts.map((s) => sectionTitles[s.key]).join(", ")}.`, {
              issues: drafts.map((s) => ({ path: `sections.${s.key}`, message: "is still a draft" })),
            });
          }
          publishedAt = new Date();
        }
        if (patch.status === "in_review" || patch.status === "published") {
          reviewers.push({ kind: actor.kind, id: actor.id, name: actor.name, at: new Date().toISOString(), action: patch.status === "published" ? "published" : "submitted" });
        }
        if (patch.status === "draft") publishedAt = null;
      }
      const [row] = await tx
        .update(postmortems)
        .set({ title: patch.title ?? current.title, sections, reviewers, status: patch.status ?? current.status, publishedAt, version: sql`${postmortems.version} + 1`, updatedAt: new Date() })
        .where(eq(postmortems.id, current.id))
        .returning();
      if (patch.status && patch.status !== current.status) {
        await recordAudit(tx, actor, { action: "postmortem.status", targetType: "incident", targetId: id, data: { from: current.status, to: patch.status } });
      }
      return row;
    });
    await publish(actor, { type: "postmortem.updated", incidentId: id, postmortemId: saved.id, version: saved.version });
    return view(db, actor, id);
  });
}

async function memberName(db: Database, workspaceId: string, userId: string | null | undefined): Promise<string | null> {
  if (!userId) return null;
  const [m] = await db
    .select({ name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
  if (!m) throw new AppError("unprocessable:input", "The owner must be a member of this workspace.", { issues: [{ path: "ownerId", message: "is not a member of this workspace" }] });
  return m.name;
}

/** Adds an action item (title, owner from the members, due date) to the incident's report. */
export async function addActionItem(db: Database, actor: Actor, incidentId: string, input: unknown): Promise<Result<ActionItemView>> {
  return toResult({ op: "postmortems.addActionItem", actor }, async () => {
    assertCan(actor, "postmortem:write");
    const id = parseInput(incidentIdSchema, incidentId);
    const data = parseInput(actionItemInputSchema, input);
    const pm = await view(db, actor, id);
    const ownerName = await memberName(db, actor.workspaceId, data.ownerId);
    const [row] = await db.transaction(async (tx) => {
      const rows = await tx
        .insert(postmortemActionItems)
        .values({ workspaceId: actor.workspaceId, postmortemId: pm.id, incidentId: id, title: data.title, ownerId: data.ownerId ?? null, ownerName, dueDate: data.dueDate ?? null, status: data.status ?? "open" })
        .returning();
      await recordAudit(tx, actor, { action: "postmortem.action_item.add", targetType: "incident", targetId: id, data: { itemId: rows[0].id } });
      return rows;
    });
    await publish(actor, { type: "postmortem.updated", incidentId: id, postmortemId: pm.id, version: pm.version });
    return toActionItemView(row);
  });
}

/** Changes an action item (any field; its status open/done from the workspace-wide page too). */
export async function updateActionItem(db: Database, actor: Actor, itemId: string, input: unknown): Promise<Result<ActionItemView>> {
  return toResult({ op: "postmortems.updateActionItem", actor }, async () => {
    assertCan(actor, "postmortem:write");
    const id = parseInput(incidentIdSchema, itemId);
    const data = parseInput(actionItemPatchSchema, input);
    const ownerName = data.ownerId !== undefined ? await memberName(db, actor.workspaceId, data.ownerId) : undefined;
    const [row] = await db
      .update(postmortemActionItems)
      .set({
        ...(data.title !== undefined ? { title: data.title } : {}),
        ...(data.ownerId !== undefined ? { ownerId: data.ownerId, ownerName } : {}),
        ...(data.dueDate !== undefined ? { dueDate: data.dueDate } : {}),
        ...(data.status !== undefined ? { status: data.status } : {}),
        updatedAt: new Date(),
      })
      .where(and(eq(postmortemActionItems.workspaceId, actor.workspaceId), eq(postmortemActionItems.id, id)))
      .returning();
    if (!row) throw new AppError("not_found:action_item", "No such action item in this workspace.");
    await publish(actor, { type: "postmortem.updated", incidentId: row.incidentId, postmortemId: row.postmortemId, version: 0 });
    return toActionItemView(row);
  });
}

export async function deleteActionItem(db: Database, actor: Actor, itemId: string): Promise<Result<{ id: string }>> {
  return toResult({ op: "postmortems.deleteActionItem", actor }, async () => {
    assertCan(actor, "postmortem:write");
    const id = parseInput(incidentIdSchema, itemId);
    const [row] = await db.delete(postmortemActionItems).where(and(eq(postmortemActionItems.workspaceId, actor.workspaceId), eq(postmortemActionItems.id, id))).returning();
    if (!row) throw new AppError("not_found:action_item", "No such action item in this workspace.");
    await publish(actor, { type: "postmortem.updated", incidentId: row.incidentId, postmortemId: row.postmortemId, version: 0 });
    return { id };
  });
}
