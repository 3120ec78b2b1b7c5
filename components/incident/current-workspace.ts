import "server-only";
import { notFound, redirect } from "next/navigation";
import { getDb } from "@/db";
import { getCurrentActor } from "@/lib/auth/current-actor";
import { isAppError } from "@/lib/errors";
import { getWorkspaceSettingsRow } from "@/lib/incidents/incident-view";

/**
 * The slug of the caller's current workspace, for team pages that take no slug in the URL.
 * Signed out: to sign-in (and back); a workspace they cannot see: 404.
 */
export async function currentWorkspaceSlug(returnTo: string): Promise<string> {
  const db = await getDb();
  try {
    const actor = await getCurrentActor(db);
    return (await getWorkspaceSettingsRow(db, actor.workspaceId)).slug;
  } catch (e) {
    if (!isAppError(e)) throw e;
    if (e.type === "unauthorized") redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
    if (e.code === "forbidden:no_workspace") redirect("/new-workspace");
    if (e.type === "forbidden" || e.type === "not_found") notFound();
    throw e;
  }
}
