import { and, eq } from "drizzle-orm";
import { incidentRoles, type IncidentRole } from "@/db/schema";
import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/shared";
import { assertCan } from "@/lib/auth";
import { recordAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import { appendTimelineEntry, getIncidentById } from "@/lib/incidents";
import { incidentIdSchema } from "@/lib/incidents/shared";
import { emitWebhookEvent, notifyUsers } from "@/lib/notifications";
import { publish } from "@/lib/realtime";
import { failure, parseInput, toResult, type Result } from "@/lib/result";
import { assertMembers, namesOf } from "./members";
import { roleLabels, rolesInputSchema, singleRoles, type IncidentRoleName } from "./shared";

export type RolesChange = { roles: IncidentRole[]; changed: boolean };

/**
 * Sets an incident's roles. Each single role (lead, scribe, comms lead) given replaces its holder,
 * with a handover line on the timeline ("Incident lead: Ana → Bo"); `responders` replaces the list.
 * New holders are notified (`assigned`), workspace webhooks get `incident.roles_changed`.
 */
export async function setIncidentRoles(db: Database, actor: Actor, id: string, input: unknown): Promise<Result<RolesChange>> {
  return toResult({ op: "oncall.setIncidentRoles", actor }, async () => {
    assertCan(actor, "incident:write");
    const incidentId = parseInput(incidentIdSchema, id);
    const change = parseInput(rolesInputSchema, input);
    const incident = await getIncidentById(db, { workspaceId: actor.workspaceId, id: incidentId });
    const wanted = [...singleRoles.map((r) => change[r]).filter((v): v is string => typeof v === "string"), ...(change.responders ?? [])];
    const fields = [...singleRoles.filter((r) => typeof change[r] === "string").map((r) => r as string), ...(change.responders ? ["responders"] : [])];
    await assertMembers(db, actor.workspaceId, wanted, fields.join(",") || "lead");
    const result = await db.transaction(async (tx) => {
      const current = await tx
        .select()
        .from(incidentRoles)
        .where(and(eq(incidentRoles.workspaceId, actor.workspaceId), eq(incidentRoles.incidentId, incidentId)))
        .for("update");
      const names = await namesOf(tx, [...wanted, ...current.map((c) => c.userId)]);
      const lines: string[] = [];
      const assigned: { userId: string; role: IncidentRoleName }[] = [];
      const handovers: { role: string; from: string | null; to: string | null }[] = [];
      for (const role of singleRoles) {
        const next = change[role];
        if (next === undefined) continue;
        const holder = current.find((c) => c.role === role);
        if ((holder?.userId ?? null) === next) continue;
        if (holder) await tx.delete(incidentRoles).where(eq(incidentRoles.id, holder.id));
        if (next) {
          await tx.insert(incidentRoles).values({ workspaceId: actor.workspaceId, incidentId, role, userId: next, assignedByKind: actor.kind, assignedById: actor.id, assignedByName: actor.name });
          assigned.push({ userId: next, role });
        }
        const from = holder ? (names.get(holder.userId) ?? "someone") : null;
        const to = next ? (names.get(next) ?? "someone") : null;
        lines.push(from && to ? `${roleLabels[role]}: ${from} → ${to} (handover)` : to ? `${roleLabels[role]}: ${to}` : `${roleLabels[role]}: ${from} stepped down`);
        handovers.push({ role, from: holder?.userId ?? null, to: next });
      }
      if (change.responders) {
        const before = new Set(current.filter((c) => c.role === "responder").map((c) => c.userId));
        const after = new Set(change.responders);
        for (const c of current) {
          if (c.role === "responder" && !after.has(c.userId)) {
            await tx.delete(incidentRoles).where(eq(incidentRoles.id, c.id));
            lines.push(`Responder ${names.get(c.userId) ?? "someone"} left`);
          }
        }
        for (const u of after) {
          if (before.has(u)) continue;
          await tx.insert(incidentRoles).values({ workspaceId: actor.workspaceId, incidentId, role: "responder", userId: u, assignedByKind: actor.kind, assignedById: actor.id, assignedByName: actor.name });
          assigned.push({ userId: u, role: "responder" });
          lines.push(`Responder ${names.get(u) ?? "someone"} joined`);
        }
      }
      if (lines.length === 0) return { changed: false, entryId: null, inboxed: [] as string[] };
      const entry = await appendTimelineEntry(tx, actor, { incidentId, kind: "system", body: lines.join("; "), data: { roles: handovers, responders: change.responders ?? null } });
      const inboxed: string[] = [];
      for (const a of assigned) {
        if (a.userId === actor.id) continue;
        inboxed.push(
          ...(await notifyUsers(tx, actor.workspaceId, {
            userIds: [a.userId],
            event: "assigned",
            title: `You are ${roleLabels[a.role].toLowerCase()} of INC-${incident.number}`,
            body: `${actor.name} made you ${roleLabels[a.role].toLowerCase()} of "${incident.title}".`,
            incidentId,
          })),
        );
      }
      await emitWebhookEvent(tx, actor.workspaceId, "incident.roles_changed", { incident_id: incidentId, number: incident.number, changes: handovers, responders: change.responders ?? null });
      await recordAudit(tx, actor, { action: "incident.roles", targetType: "incident", targetId: incidentId, data: { changes: handovers } });
      return { changed: true, entryId: entry.id, inboxed };
    });
    if (result.changed) {
      await publish(actor, { type: "incident.timeline", incidentId, entryId: result.entryId! });
      await publish(actor, { type: "oncall.updated", incidentId });
      for (const userId of new Set(result.inboxed)) await publish(actor, { type: "notification.created", userId });
    }
    const roles = await db.select().from(incidentRoles).where(and(eq(incidentRoles.workspaceId, actor.workspaceId), eq(incidentRoles.incidentId, incidentId)));
    return { roles, changed: result.changed };
  });
}

/** The caller takes the lead. */
export async function assignLeadToMe(db: Database, actor: Actor, id: string): Promise<Result<RolesChange>> {
  if (actor.kind !== "user" || !actor.id) {
    return failure(new AppError("forbidden:user", "Only a signed-in member can take a role."));
  }
  return setIncidentRoles(db, actor, id, { lead: actor.id });
}
