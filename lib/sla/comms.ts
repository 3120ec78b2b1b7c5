import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { incidentStatusHistory } from "@/db/schema";
import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/shared";
import { assertCan } from "@/lib/auth";
import { recordAudit } from "@/lib/audit";
import { findIncident } from "@/lib/incidents";
import { AppError } from "@/lib/errors";
import { incidentIdSchema } from "@/lib/incidents/shared";
import { parseInput, toResult, type Result } from "@/lib/result";
import { safeText } from "@/lib/validation/strings-and-times";
import { readWorkspaceSettings, writeWorkspaceSetting } from "@/lib/workspaces";
import { commsTemplateKeys, defaultCommsTemplates, fillTemplate, type CommsTemplateKey, type FilledTemplate } from "./shared";

const commsSchema = z.object(Object.fromEntries(commsTemplateKeys.map((k) => [k, safeText(4000, { min: 1 })])) as Record<CommsTemplateKey, ReturnType<typeof safeText>>);

/** The workspace's templates: its own where it has them, the defaults elsewhere. */
export async function getCommsTemplates(db: Database, workspaceId: string): Promise<Record<CommsTemplateKey, string>> {
  const settings = await readWorkspaceSettings(db, workspaceId);
  return { ...defaultCommsTemplates, ...(settings.comms ?? {}) };
}

/** Admins edit the three templates of their workspace. */
export async function updateCommsTemplates(db: Database, actor: Actor, input: unknown): Promise<Result<Record<CommsTemplateKey, string>>> {
  return toResult({ op: "sla.updateCommsTemplates", actor }, async () => {
    assertCan(actor, "workspace:admin");
    const templates = parseInput(commsSchema, input) as Record<CommsTemplateKey, string>;
    await db.transaction(async (tx) => {
      await writeWorkspaceSetting(tx, actor.workspaceId, "comms", templates);
      await recordAudit(tx, actor, { action: "comms.update", targetType: "workspace", targetId: actor.workspaceId, data: {} });
    });
    return templates;
  });
}

/**
 * The templates filled from one incident: severity, service, impact (its description or title),
 * status, the lead (whoever acknowledged it, else who opened it) and its link.
 */
export async function fillCommsTemplates(db: Database, workspaceId: string, incidentId: string, baseUrl: string): Promise<FilledTemplate[]> {
  const id = parseInput(incidentIdSchema, incidentId);
  const incident = await findIncident(db, { workspaceId, id });
  if (!incident) throw new AppError("not_found:incident", "No such incident in this workspace.");
  const [ack] = await db
    .select({ actorName: incidentStatusHistory.actorName })
    .from(incidentStatusHistory)
    .where(and(eq(incidentStatusHistory.incidentId, id), eq(incidentStatusHistory.toStatus, "investigating")))
    .orderBy(asc(incidentStatusHistory.createdAt))
    .limit(1);
  const templates = await getCommsTemplates(db, workspaceId);
  return commsTemplateKeys.map((key) => fillTemplate(key, templates[key], incident, { lead: ack?.actorName ?? incident.createdByName, link: `${baseUrl.replace(/\/$/, "")}/incidents/${incident.id}` }));
}
