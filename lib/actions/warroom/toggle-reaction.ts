"use server";

import { toggleReaction } from "@/lib/warroom";
import { workspaceAction } from "@/lib/actions/define";

/** Adds or takes back the viewer's reaction on a war-room message. */
export const toggleReactionAction = workspaceAction("warroom.react", ({ db, actor }, entryId: string, input: { emoji: string }) => toggleReaction(db, actor, entryId, input));
