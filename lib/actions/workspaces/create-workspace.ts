"use server";

import { getDb } from "@/db";
import { rememberWorkspace } from "@/lib/actions/auth/sign-in-context";
import { getSessionUser } from "@/lib/auth/current-actor";
import { AppError } from "@/lib/errors";
import { failure, type Result } from "@/lib/result";
import { createWorkspace } from "@/lib/workspaces/create-workspace";

/** Creates a team workspace with the signed-in user as its admin and makes it their current one. */
export async function createWorkspaceAction(input: { name: string; slug: string }): Promise<Result<{ slug: string }>> {
  const db = await getDb();
  const user = await getSessionUser(db);
  if (!user) return failure(new AppError("unauthorized:session", "Sign in to create a workspace."));
  const r = await createWorkspace(db, user, input);
  if (!r.ok) return r;
  await rememberWorkspace(r.data.slug);
  return { ok: true, data: { slug: r.data.slug } };
}
