"use server";

import { workspaceAction } from "@/lib/actions/define";
import { updateActionItem } from "@/lib/postmortems";

export const updateActionItemAction = workspaceAction("postmortems.updateActionItem", ({ db, actor }, itemId: string, input: unknown) => updateActionItem(db, actor, itemId, input));
