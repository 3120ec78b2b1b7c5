import type { DeliveryChannel, NotificationDelivery } from "@/db/schema";
import { processState } from "@/lib/process-state";

/**
 * Senders of outbound channels other than webhooks and email. Slack registers here once its
 * connection exists (`registerChannelSender("slack", …)` from its startup): until then a rule asking
 * for Slack queues nothing. A sender resolves on success and throws on failure (the job retries).
 */
export type ChannelSender = (delivery: NotificationDelivery) => Promise<{ statusCode?: number }>;

function registry(): Map<DeliveryChannel, ChannelSender> {
  return processState("notification-senders", () => new Map<DeliveryChannel, ChannelSender>());
}

export function registerChannelSender(channel: "slack", sender: ChannelSender): void {
  registry().set(channel, sender);
}

export function channelSender(channel: DeliveryChannel): ChannelSender | undefined {
  return registry().get(channel);
}
