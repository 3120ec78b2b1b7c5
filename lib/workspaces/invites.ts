import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, gt, isNull } from "drizzle-orm";
import { z } from "zod";
import { invites, memberships, workspaces, type Invite, type Role } from "@/db/schema";
import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/shared";
import { assertCan } from "@/lib/auth";
import type { PublicUser } from "@/lib/auth";
import { recordAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import { parseInput, toResult, type Result } from "@/lib/result";
import { inviteSchema } from "./schemas";

export const INVITE_TTL_MS = 7 * 24 * 60 * 60_000;

export type PublicInvite = Omit<Invite, "tokenHash">;

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

function toPublic(row: Invite): PublicInvite {
  const { tokenHash: _hash, ...rest } = row;
  return rest;
}

/** Creates an invite link token for an email and role; the token is returned once (the admin copies the link). */
export async function createInvite(db: Database, actor: Actor, input: unknown): Promise<Result<{ invite: PublicInvite; token: string; path: string }>> {
  return toResult({ op: "workspaces.createInvite", actor }, async () => {
    assertCan(actor, "workspace:admin");
    const { email, role } = parseInput(inviteSchema, input);
    const token = randomBytes(24).toString("base64url");
    return db.transaction(async (tx) => {
      const [row] = await tx
        .insert(invites)
        .values({
          workspaceId: actor.workspaceId,
          email,
          role,
          tokenHash: hashToken(token),
          createdById: actor.id,
          createdByName: actor.name,
          expiresAt: new Date(Date.now() + INVITE_TTL_MS),
        })
        .returning();
      await recordAudit(tx, actor, { action: "invite.create", targetType: "invite", targetId: row.id, data: { email, role } });
      return { invite: toPublic(row), token, path: `/invite/${token}` };
    });
  });
}

/** Pending invites (not accepted, revoked or expired) of the actor's workspace. */
export async function listPendingInvites(db: Database, actor: Actor): Promise<PublicInvite[]> {
  assertCan(actor, "workspace:admin");
  const rows = await db
    .select()
    .from(invites)
    .where(and(eq(invites.workspaceId, actor.workspaceId), isNull(invites.acceptedAt), isNull(invites.revokedAt), gt(invites.expiresAt, new Date())))
    .orderBy(desc(invites.createdAt));
  return rows.map(toPublic);
}

export async function revokeInvite(db: Database, actor: Actor, id: unknown): Promise<Result<{ id: string }>> {
  return toResult({ op: "workspaces.revokeInvite", actor }, async () => {
    assertCan(actor, "workspace:admin");
    const inviteId = parseInput(z.string().uuid("is not a valid invite id"), id);
    return db.transaction(async (tx) => {
      const [row] = await tx
        .update(invites)
        .set({ revokedAt: new Date() })
        .where(and(eq(invites.workspaceId, actor.workspaceId), eq(invites.id, inviteId), isNull(invites.acceptedAt), isNull(invites.revokedAt)))
        .returning();
      if (!row) throw new AppError("not_found:invite", "Invite not found (or already used).");
      await recordAudit(tx, actor, { action: "invite.revoke", targetType: "invite", targetId: row.id, data: { email: row.email } });
      return { id: row.id };
    });
  });
}

export type InviteLookup = {
  status: "pending" | "accepted" | "revoked" | "expired";
  email: string;
  role: Role;
  workspace: { slug: string; name: string };
  invitedBy: string;
};

/** What the invite page shows about a token, or undefined for an unknown token. */
export async function lookupInvite(db: Database, token: string): Promise<InviteLookup | undefined> {
  const [row] = await db
    .select({ invite: invites, slug: workspaces.slug, name: workspaces.name })
    .from(invites)
    .innerJoin(workspaces, eq(workspaces.id, invites.workspaceId))
    .where(eq(invites.tokenHash, hashToken(token)))
    .limit(1);
  if (!row) return undefined;
  const i = row.invite;
  const status = i.acceptedAt ? "accepted" : i.revokedAt ? "revoked" : i.expiresAt.getTime() <= Date.now() ? "expired" : "pending";
  return { status, email: i.email, role: i.role, workspace: { slug: row.slug, name: row.name }, invitedBy: i.createdByName };
}

/**
 * Accepts an invite as the signed-in user. The account's email must match the invited one, so a
 * leaked link is useless to anyone else. A member who already belongs keeps the higher role.
 */
export async function acceptInvite(db: Database, user: PublicUser, token: unknown): Promise<Result<{ workspaceSlug: string; role: Role }>> {
  return toResult({ op: "workspaces.acceptInvite" }, async () => {
    const value = parseInput(z.string().min(10, "is not a valid invite token").max(200), token);
    return db.transaction(async (tx) => {
      const [row] = await tx
        .select({ invite: invites, slug: workspaces.slug })
        .from(invites)
        .innerJoin(workspaces, eq(workspaces.id, invites.workspaceId))
        .where(eq(invites.tokenHash, hashToken(value)))
        .for("update")
        .limit(1);
      if (!row) throw new AppError("not_found:invite", "This invite link is not valid.");
      const i = row.invite;
      if (i.revokedAt) throw new AppError("conflict:invite_revoked", "This invite was revoked. Ask an admin for a new link.");
      if (i.acceptedAt) throw new AppError("conflict:invite_used", "This invite was already used.");
      if (i.expiresAt.getTime() <= Date.now()) throw new AppError("conflict:invite_expired", "This invite has expired. Ask an admin for a new link.");
      if (i.email.toLowerCase() !== user.email.toLowerCase()) {
        throw new AppError("forbidden:invite_email", `This invite is for ${i.email}; you are signed in as ${user.email}.`);
      }
      const [existing] = await tx
        .select()
        .from(memberships)
        .where(and(eq(memberships.workspaceId, i.workspaceId), eq(memberships.userId, user.id)))
        .limit(1);
      const rank: Record<Role, number> = { viewer: 0, responder: 1, admin: 2 };
      const role = existing && rank[existing.role] > rank[i.role] ? existing.role : i.role;
      if (existing) {
        await tx.update(memberships).set({ role }).where(and(eq(memberships.workspaceId, i.workspaceId), eq(memberships.userId, user.id)));
      } else {
        await tx.insert(memberships).values({ workspaceId: i.workspaceId, userId: user.id, role });
      }
      await tx.update(invites).set({ acceptedAt: new Date(), acceptedById: user.id }).where(eq(invites.id, i.id));
      await recordAudit(
        tx,
        { kind: "user", id: user.id, name: user.name, workspaceId: i.workspaceId, role },
        { action: "invite.accept", targetType: "member", targetId: user.id, data: { email: user.email, role } },
      );
      return { workspaceSlug: row.slug, role };
    });
  });
}
