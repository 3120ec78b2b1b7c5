import type { AgentSettings } from "@/db/schema";
import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/shared";
import { assertCan } from "@/lib/auth";
import { recordAudit } from "@/lib/audit";
import { parseInput, toResult, type Result } from "@/lib/result";
import { readWorkspaceSettings, writeWorkspaceSetting } from "@/lib/workspaces";
import { agentSettingsSchema, withDefaults } from "./schemas";

/** The workspace's agent policy (defaults for anything not set). */
export async function readAgentSettings(db: Database, workspaceId: string): Promise<AgentSettings> {
  return withDefaults((await readWorkspaceSettings(db, workspaceId)).agent);
}

/** Replaces the workspace's agent policy (admins only), under the settings key `agent`. */
export async function updateAgentSettings(db: Database, actor: Actor, input: unknown): Promise<Result<AgentSettings>> {
  return toResult({ op: "agent.updateSettings", actor }, async () => {
    assertCan(actor, "workspace:admin");
    const settings = parseInput(agentSettingsSchema, input);
    await db.transaction(async (tx) => {
      await writeWorkspaceSetting(tx, actor.workspaceId, "agent", settings);
      await recordAudit(tx, actor, { action: "agent.settings", targetType: "workspace", targetId: actor.workspaceId, data: { agent: settings } });
    });
    return settings;
  });
}
