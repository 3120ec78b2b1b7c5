"use server";

import type { CreateIncidentInput } from "@/lib/incidents/shared";
import { createIncident } from "@/lib/incidents";
import { workspaceAction } from "@/lib/actions/define";

/** The board's create dialog: validation errors come back as `fieldErrors` keyed by field name. */
export const createIncidentAction = workspaceAction("incidents.create", ({ db, actor }, input: CreateIncidentInput) => createIncident(db, actor, input));
