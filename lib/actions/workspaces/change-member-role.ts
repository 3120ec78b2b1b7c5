"use server";

import { getDb } from "@/db";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { failure } from "@/lib/result";
import { changeMemberRole } from "@/lib/workspaces/members";

/** Changes a member's role (admins; the last admin stays). */
export async function changeMemberRoleAction(workspaceSlug: string, input: { userId: string; role: string }) {
  const db = await getDb();
  try {
    const actor = await getCurrentActor(db, { workspaceSlug });
    return await changeMemberRole(db, actor, input);
  } catch (e) {
    return failure(e);
  }
}
