"use server";

import { getDb } from "@/db";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { failure } from "@/lib/result";
import { removeMember } from "@/lib/workspaces/members";

/** Removes a member (admins; the last admin stays). */
export async function removeMemberAction(workspaceSlug: string, userId: string) {
  const db = await getDb();
  try {
    const actor = await getCurrentActor(db, { workspaceSlug });
    return await removeMember(db, actor, userId);
  } catch (e) {
    return failure(e);
  }
}
