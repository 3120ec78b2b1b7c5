import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { incidentIdSchema } from "@/lib/incidents/shared";
import { postMessageSchema } from "@/lib/warroom/shared";
import { idParam, isoTime, jsonBody, jsonResponse, operation, snakeCaseKeys, uuid } from "./shared";

const tags = ["War room"];
const incidentPath = idParam("The incident's id (a UUID).", incidentIdSchema);

const messageSchema = z
  .object({
    id: uuid,
    at: isoTime,
    author: z.string(),
    channel: z.string().nullable(),
    body: z.string(),
    thread_parent_id: z.string().nullable(),
    mentions: z.array(z.string()),
    reactions: z.record(z.string(), z.array(z.string())),
  })
  .meta({ id: "ChatMessage" });

const conversationSchema = z
  .looseObject({
    scenario_id: z.string(),
    scenario_type: z.string(),
    title: z.string(),
    start_time: isoTime,
    services: z.record(z.string(), z.object({ channel: z.string(), oncall_group: z.string(), role: z.string() })),
    personas: z.record(z.string(), z.object({ name: z.string() })),
    timeline: z.array(z.looseObject({ offset_seconds: z.number(), type: z.string(), channel: z.string() })),
  })
  .meta({ id: "Conversation" });

export const warRoomPaths: ZodOpenApiPathsObject = {
  "/api/v1/incidents/{id}/messages": {
    get: operation({
      operationId: "listMessages",
      tags,
      summary: "An incident's chat",
      description: "The war room's messages, oldest first, with the channels a message can go to.",
      scope: "read",
      requestParams: { path: incidentPath },
      responses: { 200: jsonResponse("The messages.", z.object({ channels: z.array(z.string()), items: z.array(messageSchema) })) },
      errors: [401, 403, 404],
    }),
    post: operation({
      operationId: "postMessage",
      tags,
      summary: "Post a message",
      description: "Into the service's on-call channel (default) or the incident's own `#inc-YYYY-MM-DD-NNN` channel; `@handles` of members and on-call groups become mentions.",
      scope: "write",
      requestParams: { path: incidentPath },
      requestBody: jsonBody(snakeCaseKeys(postMessageSchema), { body: "@checkout-oncall seeing payment timeouts, anyone on it?", channel: "#checkout-oncall" }),
      responses: { 201: jsonResponse("The message.", z.object({ id: uuid, at: isoTime, channel: z.string(), body: z.string(), mentions: z.array(z.string()) })) },
      errors: [400, 401, 403, 404, 413, 422],
    }),
  },
  "/api/v1/incidents/{id}/conversation": {
    get: operation({
      operationId: "exportConversation",
      tags,
      summary: "Export the conversation",
      description: "Alerts and chat in the on-call conversation format (services, personas, timeline with offsets and thread parents).",
      scope: "read",
      requestParams: { path: incidentPath },
      responses: { 200: jsonResponse("The conversation.", conversationSchema) },
      errors: [401, 403, 404],
    }),
  },
};
