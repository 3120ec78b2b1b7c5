"use server";

import { getDb } from "@/db";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { failure } from "@/lib/result";
import { createInvite } from "@/lib/workspaces/invites";

/** Creates an invite link (admins); the token comes back once so the admin can copy the link. */
export async function createInviteAction(workspaceSlug: string, input: { email: string; role: string }) {
  const db = await getDb();
  try {
    const actor = await getCurrentActor(db, { workspaceSlug });
    return await createInvite(db, actor, input);
  } catch (e) {
    return failure(e);
  }
}
