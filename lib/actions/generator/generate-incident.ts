"use server";

import { generateIncident } from "@/lib/generator";
import { mapResult } from "@/lib/result";
import { workspaceAction } from "@/lib/actions/define";

/** "Generate incident": one synthetic incident now; answers its id and number. */
export const generateIncidentAction = workspaceAction("generator.generate", async ({ db, actor }, input: { template?: string } = {}) =>
  mapResult(await generateIncident(db, actor, input), (g) => ({ id: g.incident.id, number: g.incident.number, title: g.incident.title })),
);
