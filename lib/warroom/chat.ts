import { and, eq, sql } from "drizzle-orm";
import { timelineEntries, type TimelineEntry } from "@/db/schema";
import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/shared";
import { assertCan } from "@/lib/auth";
import { recordAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import { appendTimelineEntry, getIncidentById } from "@/lib/incidents";
import { incidentIdSchema } from "@/lib/incidents/shared";
import { notifyUsers } from "@/lib/notifications";
import { publish } from "@/lib/realtime";
import { parseInput, toResult, type Result } from "@/lib/result";
import { z } from "zod";
import { mentionablesFor } from "./queries";
import { incidentChannelName, parseMentions, postMessageSchema, reactSchema, type Reactions } from "./shared";

/**
 * Posts a chat message on an incident (responders and up): into the service's on-call channel or
 * the incident's own channel, optionally as a reply in a thread, with its @mentions of members and
 * on-call groups resolved. Every viewer sees it through the `incident.timeline` event.
 */
export async function postMessage(db: Database, actor: Actor, incidentId: string, input: unknown): Promise<Result<TimelineEntry>> {
  return toResult({ op: "warroom.postMessage", actor }, async () => {
    assertCan(actor, "incident:write");
    const id = parseInput(incidentIdSchema, incidentId);
    const msg = parseInput(postMessageSchema, input);
    const { entry, told } = await db.transaction(async (tx) => {
      const incident = await getIncidentById(tx, { workspaceId: actor.workspaceId, id });
      const { channels, mentionables } = await mentionablesFor(tx, actor.workspaceId, incident);
      const channel = msg.channel ?? channels[0] ?? incidentChannelName(incident.createdAt, incident.number);
      if (!channels.includes(channel)) {
        throw new AppError("unprocessable:message", "Unknown channel.", { issues: [{ path: "channel", message: `must be one of ${channels.join(", ")}` }] });
      }
      if (msg.threadParentId) {
        const [parent] = await tx
          .select({ id: timelineEntries.id })
          .from(timelineEntries)
          .where(and(eq(timelineEntries.workspaceId, actor.workspaceId), eq(timelineEntries.incidentId, id), eq(timelineEntries.id, msg.threadParentId)));
        if (!parent) throw new AppError("unprocessable:message", "The thread's first message is not on this incident.", { issues: [{ path: "threadParentId", message: "is not a message of this incident" }] });
      }
      const mentions = parseMentions(msg.body, mentionables.map((m) => m.handle));
      const row = await appendTimelineEntry(tx, actor, {
        incidentId: id,
        kind: "chat",
        body: msg.body,
        data: { channel, threadParentId: msg.threadParentId ?? null, mentions, reactions: {} },
      });
      await recordAudit(tx, actor, { action: "chat.post", targetType: "incident", targetId: id, data: { entryId: row.id, channel } });
      // Mentioned members hear of it by their own rules (inbox, email…); the author never notifies themself.
      const mentioned = mentionables.filter((m) => m.kind === "member" && m.userId && m.userId !== actor.id && mentions.includes(m.handle.toLowerCase()));
      const told = await notifyUsers(tx, actor.workspaceId, {
        userIds: mentioned.map((m) => m.userId!),
        event: "mentioned",
        title: `${actor.name} mentioned you on INC-${incident.number}`,
        body: msg.body,
        incidentId: id,
      });
      return { entry: row, told };
    });
    await publish(actor, { type: "incident.timeline", incidentId: id, entryId: entry.id });
    for (const userId of told) await publish(actor, { type: "notification.created", userId });
    return entry;
  });
}

/** Adds the actor's reaction to a message, or takes it back when it is already there. */
export async function toggleReaction(db: Database, actor: Actor, entryId: string, input: unknown): Promise<Result<{ id: string; reactions: Reactions }>> {
  return toResult({ op: "warroom.react", actor }, async () => {
    assertCan(actor, "incident:write");
    const id = parseInput(z.string().uuid("is not a valid message id"), entryId);
    const { emoji } = parseInput(reactSchema, input);
    const out = await db.transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(timelineEntries)
        .where(and(eq(timelineEntries.workspaceId, actor.workspaceId), eq(timelineEntries.id, id), sql`${timelineEntries.kind} in ('chat', 'alert')`))
        .for("update");
      if (!row) throw new AppError("not_found:message", "Message not found.");
      const reactions: Reactions = { ...((row.data.reactions as Reactions | undefined) ?? {}) };
      const who = actor.name;
      const list = reactions[emoji] ?? [];
      reactions[emoji] = list.includes(who) ? list.filter((n) => n !== who) : [...list, who];
      if (reactions[emoji].length === 0) delete reactions[emoji];
      await tx
        .update(timelineEntries)
        .set({ data: { ...row.data, reactions }, version: sql`${timelineEntries.version} + 1` })
        .where(eq(timelineEntries.id, id));
      return { id, incidentId: row.incidentId, reactions };
    });
    await publish(actor, { type: "incident.timeline", incidentId: out.incidentId, entryId: id });
    return { id, reactions: out.reactions };
  });
}
