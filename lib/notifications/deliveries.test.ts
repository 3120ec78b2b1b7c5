import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { notificationDeliveries, notifications } from "@/db/schema";
import { resetEnvCache } from "@/env";
import type { Actor } from "@/lib/auth/shared";
import { workspaceWithTeam } from "@/lib/agent/testing/drill";
import { backoffMs, MAX_ATTEMPTS, processDeliveries } from "./deliveries";
import { getInbox, markNotificationsRead } from "./inbox";
import { emitWebhookEvent, notifyUsers } from "./notify";
import { getRules, setRules } from "./rules";
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, EVENT_HEADER, verifySignature } from "./signature";
import { createWebhook, listDeliveries, replayDelivery } from "./webhooks";

let t: TestDatabase;
let admin: Actor;
let responder: Actor;

type Received = { headers: IncomingMessage["headers"]; body: string };
let receiver: Server;
let receiverUrl = "";
const received: Received[] = [];
/** Status codes the receiver answers with, in order (then 200). */
const answers: number[] = [];

type Mail = { from: string; to: string[]; data: string };
let smtp: SMTPServer;
const mails: Mail[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  const team = await workspaceWithTeam(t.db, "notify");
  admin = team.admin;
  responder = team.responder;
  receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.statusCode = answers.shift() ?? 200;
      res.end("ok");
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      let data = "";
      stream.on("data", (c) => (data += c));
      stream.on("end", () => {
        mails.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "", to: session.envelope.rcptTo.map((r) => r.address), data });
        callback();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, "127.0.0.1", r));
  process.env.SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  process.env.SMTP_FROM = "Firedrill <pager@firedrill.test>";
  resetEnvCache();
}, 60_000);

afterAll(async () => {
  delete process.env.SMTP_URL;
  delete process.env.SMTP_FROM;
  resetEnvCache();
  await new Promise((r) => receiver?.close(r));
  await new Promise((r) => smtp?.close(() => r(undefined)));
  await t?.drop();
});

describe("outbound webhooks", () => {
  it("posts a signed JSON document the receiver can verify, retries with backoff on failure, and logs each response code", async () => {
    const created = await createWebhook(t.db, admin, { url: receiverUrl, events: ["incident.paged"], secret: "s3cret-s3cret-s3cret" });
    if (!created.ok) throw new Error(created.error);
    await t.db.transaction(async (tx) => {
      await emitWebhookEvent(tx, admin.workspaceId, "incident.paged", { incident_id: "x", level: 1 });
      // Not subscribed: nothing queued for it.
      await emitWebhookEvent(tx, admin.workspaceId, "incident.status_changed", { incident_id: "x" });
    });
    answers.push(500, 503);
    const now = new Date();
    const first = await processDeliveries(t.db, { now });
    expect(first).toMatchObject({ claimed: 1, retried: 1 });
    // Not due again before the backoff.
    expect((await processDeliveries(t.db, { now: new Date(now.getTime() + backoffMs(1) - 1) })).claimed).toBe(0);
    expect((await processDeliveries(t.db, { now: new Date(now.getTime() + backoffMs(1)) })).retried).toBe(1);
    const third = await processDeliveries(t.db, { now: new Date(now.getTime() + backoffMs(1) + backoffMs(2)) });
    expect(third.delivered).toBe(1);

    expect(received).toHaveLength(3);
    const last = received[2];
    expect(last.headers[EVENT_HEADER]).toBe("incident.paged");
    expect(verifySignature("s3cret-s3cret-s3cret", String(last.headers[TIMESTAMP_HEADER]), last.body, String(last.headers[SIGNATURE_HEADER]))).toBe(true);
    expect(verifySignature("wrong-secret-wrong", String(last.headers[TIMESTAMP_HEADER]), last.body, String(last.headers[SIGNATURE_HEADER]))).toBe(false);
    const doc = JSON.parse(last.body);
    expect(doc).toMatchObject({ type: "incident.paged", workspace_id: admin.workspaceId, data: { incident_id: "x", level: 1 } });
    // Every attempt carries the same delivery id (receivers de-duplicate on it).
    expect(new Set(received.map((r) => JSON.parse(r.body).id)).size).toBe(1);

    const log = await listDeliveries(t.db, admin, created.data.webhook.id);
    expect(log).toHaveLength(1);
    expect(log[0].status).toBe("delivered");
    expect(log[0].log.map((a) => a.statusCode)).toEqual([500, 503, 200]);

    // Replay from the log sends the same document again, as a new logged delivery.
    const replay = await replayDelivery(t.db, admin, log[0].id);
    expect(replay.ok).toBe(true);
    await processDeliveries(t.db, { now: new Date(now.getTime() + 3_600_000) });
    expect(received).toHaveLength(4);
    expect(JSON.parse(received[3].body)).toEqual(doc);
    expect(await listDeliveries(t.db, admin, created.data.webhook.id)).toHaveLength(2);
  });

  it("gives up after the last attempt when the receiver is down", async () => {
    const created = await createWebhook(t.db, admin, { url: "http://127.0.0.1:9/nothing-listens" });
    if (!created.ok) throw new Error(created.error);
    await t.db.transaction((tx) => emitWebhookEvent(tx, admin.workspaceId, "incident.acknowledged", { incident_id: "y" }));
    let at = Date.now() + 7_200_000;
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await processDeliveries(t.db, { now: new Date(at) });
      at += backoffMs(i + 1);
    }
    const [row] = await listDeliveries(t.db, admin, created.data.webhook.id);
    expect(row.status).toBe("failed");
    expect(row.attempts).toBe(MAX_ATTEMPTS);
    expect(row.log.every((a) => a.statusCode === null && a.error)).toBe(true);
  });

  it("refuses a webhook URL that is not http(s), naming the field", async () => {
    const r = await createWebhook(t.db, admin, { url: "ftp://example.com/x" });
    expect(!r.ok && r.issues?.[0].path).toBe("url");
    const viewer = await createWebhook(t.db, responder, { url: "https://example.com/x" });
    expect(!viewer.ok && viewer.code).toBe("forbidden:role");
  });
});

describe("email and the inbox", () => {
  it("emails a page through SMTP and puts it in the inbox; a rule without email sends none", async () => {
    await t.db.transaction((tx) => notifyUsers(tx, admin.workspaceId, { userIds: [responder.id!], event: "paged", title: "Paged: INC-7 P1 Checkout down", body: "Level 1", incidentId: null }));
    const report = await processDeliveries(t.db, { now: new Date(Date.now() + 86_400_000) });
    expect(report.delivered).toBeGreaterThanOrEqual(1);
    expect(mails).toHaveLength(1);
    expect(mails[0].from).toBe("pager@firedrill.test");
    expect(mails[0].to).toEqual([`rui-notify@example.com`]);
    expect(mails[0].data).toContain("Subject: [Firedrill] Paged: INC-7 P1 Checkout down");
    const inbox = await getInbox(t.db, responder);
    expect(inbox.unread).toBe(1);

    const set = await setRules(t.db, responder, { rules: [{ event: "paged", channels: ["inbox"] }] });
    expect(set.ok).toBe(true);
    expect((await getRules(t.db, responder)).find((r) => r.event === "paged")).toEqual({ event: "paged", channels: ["inbox"], custom: true });
    await t.db.transaction((tx) => notifyUsers(tx, admin.workspaceId, { userIds: [responder.id!], event: "paged", title: "Again" }));
    const queued = await t.db.select().from(notificationDeliveries).where(eq(notificationDeliveries.channel, "email"));
    expect(queued).toHaveLength(1);
    expect((await getInbox(t.db, responder)).unread).toBe(2);
    const read = await markNotificationsRead(t.db, responder, { all: true });
    expect(read.ok && read.data.updated).toBe(2);
    expect((await getInbox(t.db, responder)).unread).toBe(0);
    // Nobody else's inbox was touched.
    expect(await t.db.select().from(notifications).where(eq(notifications.userId, admin.id!))).toHaveLength(0);
  });
});
