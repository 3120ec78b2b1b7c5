import { auditLog } from "@/db/schema";
import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/shared";

/** Appends an audit row inside the caller's transaction, so the record and the change commit together. */
export async function recordAudit(
  tx: Database,
  actor: Actor,
  entry: { action: string; targetType: string; targetId?: string | null; data?: Record<string, unknown> },
): Promise<void> {
  await tx.insert(auditLog).values({
    workspaceId: actor.workspaceId,
    actorKind: actor.kind,
    actorId: actor.id,
    actorName: actor.name,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId ?? null,
    data: entry.data ?? {},
  });
}
