"use server";

import { workspaceAction } from "@/lib/actions/define";
import { restoreRunbookVersion } from "@/lib/runbooks";

export const restoreRunbookAction = workspaceAction("runbooks.restore", ({ db, actor }, id: string, input: unknown) => restoreRunbookVersion(db, actor, id, input));
