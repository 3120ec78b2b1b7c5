"use server";

import { workspaceAction } from "@/lib/actions/define";
import { addActionItem } from "@/lib/postmortems";

export const addActionItemAction = workspaceAction("postmortems.addActionItem", ({ db, actor }, incidentId: string, input: unknown) => addActionItem(db, actor, incidentId, input));
