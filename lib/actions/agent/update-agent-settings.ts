"use server";

import type { AgentSettings } from "@/db/schema";
import { updateAgentSettings } from "@/lib/agent";
import { workspaceAction } from "@/lib/actions/define";

/** Saves the workspace's agent policy (admins; validated by the domain). */
export const updateAgentSettingsAction = workspaceAction("agent.updateSettings", ({ db, actor }, input: AgentSettings) => updateAgentSettings(db, actor, input));
