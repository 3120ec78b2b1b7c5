import { z } from "zod";

/** Browser-safe notification types and schemas. */
export const notificationEventOptions = ["paged", "assigned", "mentioned", "sla_breach", "status_change"] as const;
export type NotificationEventName = (typeof notificationEventOptions)[number];
export const notificationChannelOptions = ["inbox", "email", "slack"] as const;
export type NotificationChannelName = (typeof notificationChannelOptions)[number];

export const eventLabels: Record<NotificationEventName, string> = {
  paged: "I am paged",
  assigned: "I am given a role on an incident",
  mentioned: "I am mentioned",
  sla_breach: "An SLA of my incident is breached",
  status_change: "The status of an incident I am on changes",
};

/** Without a rule of their own a user gets every event in the inbox, and pages by email too. */
export const defaultChannels: Record<NotificationEventName, NotificationChannelName[]> = {
  paged: ["inbox", "email"],
  assigned: ["inbox"],
  mentioned: ["inbox"],
  sla_breach: ["inbox"],
  status_change: ["inbox"],
};

/** Event types a workspace webhook can receive. */
export const webhookEventOptions = [
  "incident.paged",
  "incident.acknowledged",
  "incident.roles_changed",
  "incident.status_changed",
  "escalation.exhausted",
] as const;
export type WebhookEventName = (typeof webhookEventOptions)[number];

export const rulesInputSchema = z.object({
  rules: z
    .array(z.object({ event: z.enum(notificationEventOptions), channels: z.array(z.enum(notificationChannelOptions)).max(3) }))
    .max(notificationEventOptions.length),
});

export const webhookInputSchema = z.object({
  url: z
    .string()
    .trim()
    .url("is not a URL")
    .max(2000)
    .refine((u) => /^https?:\/\//i.test(u), "must be http or https"),
  events: z.array(z.enum(webhookEventOptions)).max(webhookEventOptions.length).default([]),
  secret: z.string().min(16, "needs at least 16 characters").max(200).optional(),
});

export const webhookUpdateSchema = z.object({ enabled: z.boolean() });

export type NotificationView = {
  id: string;
  event: NotificationEventName;
  title: string;
  body: string;
  incidentId: string | null;
  readAt: string | null;
  createdAt: string;
  /** True while the incident's escalation waits for an acknowledgement (the inbox offers the button). */
  acknowledgeable: boolean;
};
export type InboxView = { items: NotificationView[]; unread: number };
export type RuleView = { event: NotificationEventName; channels: NotificationChannelName[]; custom: boolean };

export type DeliveryView = {
  id: string;
  channel: string;
  target: string;
  event: string;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  log: { at: string; statusCode: number | null; error: string | null; ms: number }[];
  nextAttemptAt: string;
  deliveredAt: string | null;
  createdAt: string;
};
export type WebhookView = { id: string; url: string; events: string[]; enabled: boolean; createdAt: string; secretHint: string };
