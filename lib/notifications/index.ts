/** What other features, routes and pages may use of notifications. */
export { backoffMs, MAX_ATTEMPTS, NOTIFY_JOB, processDeliveries, type DeliveryReport, type DeliveryTransport } from "./deliveries";
export { assertUser, getInbox, markNotificationsRead } from "./inbox";
export { emitWebhookEvent, notifyUsers, type NotifyInput } from "./notify";
export { getRules, setRules } from "./rules";
export { channelSender, registerChannelSender, type ChannelSender } from "./senders";
export { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, signPayload, verifySignature } from "./signature";
export { createWebhook, deleteWebhook, deliveryView, listDeliveries, listWebhooks, replayDelivery, updateWebhook, webhookView } from "./webhooks";
export * from "./shared";
