import "server-only";
import { getDb } from "@/db";
import { requirePageActor } from "@/lib/auth/current-actor";
import { getWorkspaceSettingsRow } from "@/lib/incidents/incident-view";

/**
 * The slug of the caller's current workspace, for team pages that take no slug in the URL.
 * requirePageActor wraps getCurrentActor: signed out → sign-in (and back here), no access → 404.
 */
export async function currentWorkspaceSlug(returnTo: string): Promise<string> {
  const actor = await requirePageActor(undefined, { returnTo });
  return (await getWorkspaceSettingsRow(await getDb(), actor.workspaceId)).slug;
}
