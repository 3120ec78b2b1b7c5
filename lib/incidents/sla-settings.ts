import { z } from "zod";
import type { SlaPolicy } from "@/db/schema";
import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/shared";
import { assertCan } from "@/lib/auth";
import { recordAudit } from "@/lib/audit";
import { parseInput, toResult, type Result } from "@/lib/result";
import { writeWorkspaceSetting } from "@/lib/workspaces";

const minutes = z.coerce.number().int("must be whole minutes").min(1, "must be at least 1 minute").max(365 * 24 * 60, "must be at most a year");
const target = z
  .object({ responseMinutes: minutes, resolutionMinutes: minutes })
  .refine((t) => t.responseMinutes <= t.resolutionMinutes, { message: "response must not be longer than resolution", path: ["responseMinutes"] });

/** A whole policy: every severity, both targets. */
export const slaPolicySchema = z.object({ P0: target, P1: target, P2: target, P3: target }).strict();

/** Sets the workspace's SLA targets (admins only); incident pages read them from `settings.sla`. */
export async function updateSlaPolicy(db: Database, actor: Actor, input: unknown): Promise<Result<SlaPolicy>> {
  return toResult({ op: "incidents.updateSlaPolicy", actor }, async () => {
    assertCan(actor, "workspace:admin");
    const policy = parseInput(slaPolicySchema, input);
    await db.transaction(async (tx) => {
      await writeWorkspaceSetting(tx, actor.workspaceId, "sla", policy);
      await recordAudit(tx, actor, { action: "workspace.sla", targetType: "workspace", targetId: actor.workspaceId, data: { sla: policy } });
    });
    return policy;
  });
}
