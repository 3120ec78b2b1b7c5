"use server";

import { postMessage } from "@/lib/warroom";
import type { PostMessageInput } from "@/lib/warroom/shared";
import { mapResult } from "@/lib/result";
import { workspaceAction } from "@/lib/actions/define";

/** Posts a chat message in an incident's war room (a channel, optionally a reply in a thread). */
export const postMessageAction = workspaceAction("warroom.postMessage", async ({ db, actor }, incidentId: string, input: PostMessageInput) =>
  mapResult(await postMessage(db, actor, incidentId, input), (e) => ({ id: e.id })),
);
