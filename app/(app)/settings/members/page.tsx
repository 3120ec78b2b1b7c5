import type { Metadata } from "next";
import { getDb } from "@/db";
import { MembersPanel } from "@/components/settings/members-panel";
import { pageCaller } from "@/lib/api/caller";
import { listPendingInvites } from "@/lib/workspaces";
import { listMembers } from "@/lib/workspaces";

export const metadata: Metadata = { title: "Members" };
export const dynamic = "force-dynamic";

export default async function MembersPage() {
  const { actor, workspace } = await pageCaller({ returnTo: "/settings/members" });
  const db = await getDb();
  const members = await listMembers(db, actor);
  const canManage = actor.role === "admin";
  const invites = canManage ? await listPendingInvites(db, actor) : [];
  return (
    <MembersPanel
      workspaceSlug={workspace.slug}
      me={actor.id ?? ""}
      canManage={canManage}
      members={members.map((m) => ({ ...m, joinedAt: m.joinedAt.toISOString() }))}
      invites={invites.map((i) => ({ id: i.id, email: i.email, role: i.role, expiresAt: i.expiresAt.toISOString(), createdByName: i.createdByName }))}
    />
  );
}
