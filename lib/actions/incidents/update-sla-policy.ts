"use server";

import type { SlaPolicy } from "@/db/schema";
import { updateSlaPolicy } from "@/lib/incidents";
import { workspaceAction } from "@/lib/actions/define";

/** Sets the workspace's response and resolution targets per severity (admins). */
export const updateSlaPolicyAction = workspaceAction("incidents.updateSlaPolicy", ({ db, actor }, policy: SlaPolicy) => updateSlaPolicy(db, actor, policy));
