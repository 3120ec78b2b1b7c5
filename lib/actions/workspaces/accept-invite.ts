"use server";

import { getDb } from "@/db";
import { rememberWorkspace } from "@/lib/actions/auth/sign-in-context";
import { getSessionUser } from "@/lib/auth/current-actor";
import { AppError } from "@/lib/errors";
import { failure, type Result } from "@/lib/result";
import { acceptInvite } from "@/lib/workspaces/invites";

export async function acceptInviteAction(token: string): Promise<Result<{ workspaceSlug: string }>> {
  const db = await getDb();
  const user = await getSessionUser(db);
  if (!user) return failure(new AppError("unauthorized:session", "Sign in to accept the invite."));
  const r = await acceptInvite(db, user, token);
  if (!r.ok) return r;
  await rememberWorkspace(r.data.workspaceSlug);
  return { ok: true, data: { workspaceSlug: r.data.workspaceSlug } };
}
