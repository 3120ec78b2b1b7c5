import { memberships, workspaces, type Workspace } from "@/db/schema";
import type { Database } from "@/db/client";
import { recordAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import { parseInput, toResult, type Result } from "@/lib/result";
import { createWorkspaceSchema } from "./schemas";
import { getWorkspaceBySlug } from "./queries";

/**
 * Creates a team workspace with `creator` as its admin. Any signed-in user may create one; the
 * operator CLI passes creator null to create a workspace with no members yet.
 */
export async function createWorkspace(
  db: Database,
  creator: { id: string; name: string } | null,
  input: unknown,
): Promise<Result<Workspace>> {
  return toResult({ op: "workspaces.createWorkspace" }, async () => {
    const { name, slug } = parseInput(createWorkspaceSchema, input);
    const taken = () =>
      new AppError("conflict:slug", `The address "${slug}" is taken. Pick another.`, { issues: [{ path: "slug", message: "is already taken" }] });
    if (await getWorkspaceBySlug(db, slug)) throw taken();
    return db.transaction(async (tx) => {
      const [ws] = await tx.insert(workspaces).values({ name, slug, kind: "team" }).onConflictDoNothing().returning();
      if (!ws) throw taken();
      if (creator) await tx.insert(memberships).values({ workspaceId: ws.id, userId: creator.id, role: "admin" });
      await recordAudit(
        tx,
        creator ? { kind: "user", id: creator.id, name: creator.name, workspaceId: ws.id, role: "admin" } : { kind: "system", id: null, name: "Firedrill CLI", workspaceId: ws.id, role: "admin" },
        { action: "workspace.create", targetType: "workspace", targetId: ws.id, data: { slug, name } },
      );
      return ws;
    });
  });
}
