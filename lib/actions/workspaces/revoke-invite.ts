"use server";

import { getDb } from "@/db";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { failure } from "@/lib/result";
import { revokeInvite } from "@/lib/workspaces/invites";

/** Revokes a pending invite (admins). */
export async function revokeInviteAction(workspaceSlug: string, id: string) {
  const db = await getDb();
  try {
    const actor = await getCurrentActor(db, { workspaceSlug });
    return await revokeInvite(db, actor, id);
  } catch (e) {
    return failure(e);
  }
}
