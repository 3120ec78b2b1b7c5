import { eq } from "drizzle-orm";
import { workspaces, type WorkspaceSettings } from "@/db/schema";
import type { Database } from "@/db/client";
import { AppError } from "@/lib/errors";

/**
 * A workspace's settings document: each feature keeps its own key (the SLA policy under `sla`, …);
 * writes lock the row and replace one key, so two features saving at once keep both changes.
 */
export async function readWorkspaceSettings(db: Database, workspaceId: string): Promise<WorkspaceSettings> {
  const [ws] = await db.select({ settings: workspaces.settings }).from(workspaces).where(eq(workspaces.id, workspaceId)).limit(1);
  if (!ws) throw new AppError("not_found:workspace", "Workspace not found.");
  return ws.settings;
}

/** Replaces one key of the settings inside the caller's transaction. */
export async function writeWorkspaceSetting<K extends keyof WorkspaceSettings>(tx: Database, workspaceId: string, key: K, value: WorkspaceSettings[K]): Promise<void> {
  const [ws] = await tx.select({ settings: workspaces.settings }).from(workspaces).where(eq(workspaces.id, workspaceId)).for("update");
  if (!ws) throw new AppError("not_found:workspace", "Workspace not found.");
  await tx
    .update(workspaces)
    .set({ settings: { ...ws.settings, [key]: value } })
    .where(eq(workspaces.id, workspaceId));
}
