"use server";

import { workspaceAction } from "@/lib/actions/define";
import { updateCommsTemplates } from "@/lib/sla";

/** Settings → Communication: the workspace's internal alert, status update and resolution notice. */
export const updateCommsTemplatesAction = workspaceAction("sla.updateCommsTemplates", ({ db, actor }, input: unknown) => updateCommsTemplates(db, actor, input));
