import { and, asc, desc, eq, gte, ilike, lt, sql } from "drizzle-orm";
import { auditLog, incidents, memberships, users, workspaces, type Membership, type Role, type Workspace, type WorkspaceKind } from "@/db/schema";
import type { Database } from "@/db/client";

export type UserWorkspace = { id: string; slug: string; name: string; kind: WorkspaceKind; role: Role };

/** Writes a workspace row (no members, no audit: callers that act for someone record that themselves). */
export async function insertWorkspace(db: Database, values: { slug: string; name: string; kind?: WorkspaceKind }): Promise<Workspace> {
  const [row] = await db.insert(workspaces).values({ slug: values.slug, name: values.name, kind: values.kind ?? "team" }).returning();
  return row;
}

export async function getWorkspaceBySlug(db: Database, slug: string): Promise<Workspace | undefined> {
  const [row] = await db.select().from(workspaces).where(eq(workspaces.slug, slug.toLowerCase())).limit(1);
  return row;
}

export async function getWorkspaceById(db: Database, id: string): Promise<Workspace | undefined> {
  const [row] = await db.select().from(workspaces).where(eq(workspaces.id, id)).limit(1);
  return row;
}

/** The public demo workspace (there is one), or undefined before it is seeded. */
export async function getDemoWorkspace(db: Database): Promise<Workspace | undefined> {
  const [row] = await db.select().from(workspaces).where(eq(workspaces.kind, "demo")).limit(1);
  return row;
}

export async function getMembership(db: Database, where: { workspaceId: string; userId: string }): Promise<Membership | undefined> {
  const [row] = await db
    .select()
    .from(memberships)
    .where(and(eq(memberships.workspaceId, where.workspaceId), eq(memberships.userId, where.userId)))
    .limit(1);
  return row;
}

/** The workspaces a user belongs to, oldest membership first (the first is their default). */
export async function listUserWorkspaces(db: Database, userId: string): Promise<UserWorkspace[]> {
  return db
    .select({ id: workspaces.id, slug: workspaces.slug, name: workspaces.name, kind: workspaces.kind, role: memberships.role })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt), asc(workspaces.slug));
}

export type Member = { userId: string; name: string; email: string; role: Role; joinedAt: Date };

export async function listMembersOf(db: Database, workspaceId: string): Promise<Member[]> {
  return db
    .select({ userId: users.id, name: users.name, email: users.email, role: memberships.role, joinedAt: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, workspaceId))
    .orderBy(asc(memberships.createdAt));
}

/**
 * Audit entries, newest first, with the incident's number when the target is an incident (so the
 * log names and links INC-<n>). Filters: actor name (substring), action (prefix, `incident.`),
 * a time range; `before` pages back.
 */
export async function listAuditEntries(
  db: Database,
  workspaceId: string,
  options: { limit?: number; before?: Date; actor?: string; action?: string; from?: Date; to?: Date } = {},
) {
  const conds = [eq(auditLog.workspaceId, workspaceId)];
  if (options.before) conds.push(lt(auditLog.createdAt, options.before));
  if (options.from) conds.push(gte(auditLog.createdAt, options.from));
  if (options.to) conds.push(lt(auditLog.createdAt, options.to));
  if (options.actor) conds.push(ilike(auditLog.actorName, `%${options.actor.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  if (options.action) conds.push(ilike(auditLog.action, `${options.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  const rows = await db
    .select({ entry: auditLog, incidentNumber: incidents.number })
    .from(auditLog)
    .leftJoin(
      incidents,
      and(eq(auditLog.targetType, "incident"), eq(incidents.workspaceId, auditLog.workspaceId), sql`${incidents.id}::text = ${auditLog.targetId}`),
    )
    .where(and(...conds))
    .orderBy(desc(auditLog.createdAt))
    .limit(Math.min(options.limit ?? 100, 500));
  return rows.map((r) => ({ ...r.entry, incidentNumber: r.incidentNumber }));
}

/** Distinct actions recorded in the workspace, for the audit log's filter. */
export async function listAuditActions(db: Database, workspaceId: string): Promise<string[]> {
  const rows = await db.selectDistinct({ action: auditLog.action }).from(auditLog).where(eq(auditLog.workspaceId, workspaceId)).orderBy(asc(auditLog.action));
  return rows.map((r) => r.action);
}
