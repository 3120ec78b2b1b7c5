import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { memberships, type Role } from "@/db/schema";
import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/shared";
import { assertCan } from "@/lib/auth";
import { findUserByEmail } from "@/lib/auth";
import { recordAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import { parseInput, toResult, type Result } from "@/lib/result";
import { listMembersOf, type Member } from "./queries";
import { changeRoleSchema, inviteSchema } from "./schemas";

export async function listMembers(db: Database, actor: Actor): Promise<Member[]> {
  assertCan(actor, "incident:read");
  return listMembersOf(db, actor.workspaceId);
}

/** Locks the workspace's memberships and refuses a change that would leave it without an admin. */
async function assertAdminRemains(tx: Database, workspaceId: string, userId: string, nextRole: Role | null) {
  const rows = await tx
    .select({ userId: memberships.userId, role: memberships.role })
    .from(memberships)
    .where(eq(memberships.workspaceId, workspaceId))
    .for("update");
  const current = rows.find((r) => r.userId === userId);
  if (!current) throw new AppError("not_found:member", "This person is not a member of the workspace.");
  const adminsAfter = rows.filter((r) => (r.userId === userId ? nextRole === "admin" : r.role === "admin")).length;
  if (adminsAfter === 0) {
    throw new AppError("conflict:last_admin", "A workspace needs at least one admin: make someone else admin first.");
  }
  return current;
}

export async function changeMemberRole(db: Database, actor: Actor, input: unknown): Promise<Result<{ userId: string; role: Role }>> {
  return toResult({ op: "workspaces.changeMemberRole", actor }, async () => {
    assertCan(actor, "workspace:admin");
    const { userId, role } = parseInput(changeRoleSchema, input);
    return db.transaction(async (tx) => {
      const current = await assertAdminRemains(tx, actor.workspaceId, userId, role);
      await tx
        .update(memberships)
        .set({ role })
        .where(and(eq(memberships.workspaceId, actor.workspaceId), eq(memberships.userId, userId)));
      await recordAudit(tx, actor, { action: "member.role", targetType: "member", targetId: userId, data: { from: current.role, to: role } });
      return { userId, role };
    });
  });
}

export async function removeMember(db: Database, actor: Actor, userId: unknown): Promise<Result<{ userId: string }>> {
  return toResult({ op: "workspaces.removeMember", actor }, async () => {
    assertCan(actor, "workspace:admin");
    const id = parseInput(z.string().uuid("is not a valid user id"), userId);
    return db.transaction(async (tx) => {
      const current = await assertAdminRemains(tx, actor.workspaceId, id, null);
      await tx.delete(memberships).where(and(eq(memberships.workspaceId, actor.workspaceId), eq(memberships.userId, id)));
      await recordAudit(tx, actor, { action: "member.remove", targetType: "member", targetId: id, data: { role: current.role } });
      return { userId: id };
    });
  });
}

/** Adds an existing user by email (operator CLI; the app itself uses invite links). */
export async function addMember(db: Database, actor: Actor, input: unknown): Promise<Result<{ userId: string; role: Role }>> {
  return toResult({ op: "workspaces.addMember", actor }, async () => {
    assertCan(actor, "workspace:admin");
    const { email, role } = parseInput(inviteSchema, input);
    const user = await findUserByEmail(db, email);
    if (!user) throw new AppError("not_found:user", `No account uses ${email}.`, { issues: [{ path: "email", message: "has no account" }] });
    return db.transaction(async (tx) => {
      await tx
        .insert(memberships)
        .values({ workspaceId: actor.workspaceId, userId: user.id, role })
        .onConflictDoUpdate({ target: [memberships.workspaceId, memberships.userId], set: { role: sql`excluded.role` } });
      await recordAudit(tx, actor, { action: "member.add", targetType: "member", targetId: user.id, data: { email, role } });
      return { userId: user.id, role };
    });
  });
}
