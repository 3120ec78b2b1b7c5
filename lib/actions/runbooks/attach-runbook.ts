"use server";

import { workspaceAction } from "@/lib/actions/define";
import { attachRunbook } from "@/lib/runbooks";

export const attachRunbookAction = workspaceAction("runbooks.attach", ({ db, actor }, incidentId: string, input: unknown) => attachRunbook(db, actor, incidentId, input));
