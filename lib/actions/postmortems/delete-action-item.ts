"use server";

import { workspaceAction } from "@/lib/actions/define";
import { deleteActionItem } from "@/lib/postmortems";

export const deleteActionItemAction = workspaceAction("postmortems.deleteActionItem", ({ db, actor }, itemId: string) => deleteActionItem(db, actor, itemId));
