"use server";

import { workspaceAction } from "@/lib/actions/define";
import { createRunbook } from "@/lib/runbooks";

export const createRunbookAction = workspaceAction("runbooks.create", ({ db, actor }, input: unknown) => createRunbook(db, actor, input));
