import { AsyncLocalStorage } from "node:async_hooks";
import Pusher from "pusher";
import PusherJs from "pusher-js";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { insertWorkspace } from "@/lib/workspaces/queries";
import type { Workspace } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { memberships, users } from "@/db/schema";
import { readCredentials } from "@/lib/api/session";
import { env, resetEnvCache } from "@/env";
import * as pusherAuthRoute from "@/app/api/workspaces/[slug]/realtime/pusher-auth/route";
import { addNote } from "@/lib/incidents/notes";
import { createIncident } from "@/lib/incidents/create-incident";
import { presenceChannel, workspaceChannel } from "../channels";
import type { RealtimeMessage } from "../events";
import { setRealtimeDriver } from "../publish";
import { startPusherStandIn, type PusherStandIn } from "../testing/pusher-stand-in";
import { pusherConfig } from "./config";
import { createPusherDriver, PUSHER_EVENT } from "./pusher-driver";

const state = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock("@/db", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/db")>()), getDb: async () => state.db }));
vi.mock("@/lib/api/session", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/lib/api/session")>()), readCredentials: vi.fn() }));

const app = { appId: "4242", key: "fd-test-key", secret: "fd-test-secret" };
/** The browser each pusher-js client stands for: the auth route sees this session. */
const session = new AsyncLocalStorage<Actor>();

let t: TestDatabase;
let standIn: PusherStandIn;
let acme: Workspace;
let other: Workspace;
let alice: Actor;
let bob: Actor;
const clients: PusherJs[] = [];

function connect(actor: Actor): PusherJs {
  const client = new PusherJs(app.key, {
    cluster: "local",
    wsHost: standIn.host,
    wsPort: standIn.port,
    forceTLS: false,
    enabledTransports: ["ws"],
    disableStats: true,
    channelAuthorization: {
      // The real route handler signs the subscription, as /api/workspaces/acme/realtime/pusher-auth does in the app.
      customHandler: ({ socketId, channelName }, callback) => {
        const request = new Request("http://test/api/workspaces/acme/realtime/pusher-auth", {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ socket_id: socketId, channel_name: channelName }).toString(),
        });
        void session
          .run(actor, () => pusherAuthRoute.POST(request, { params: Promise.resolve({ slug: "acme" }) }))
          .then(async (response) => {
            if (response.ok) callback(null, await response.json());
            else callback(new Error(`auth answered ${response.status}`), null);
          });
      },
    },
  });
  clients.push(client);
  return client;
}

function subscribed(channel: ReturnType<PusherJs["subscribe"]>): Promise<unknown> {
  return new Promise((resolve, reject) => {
    channel.bind("pusher:subscription_succeeded", resolve);
    channel.bind("pusher:subscription_error", reject);
  });
}

beforeAll(async () => {
  t = await createTestDatabase();
  acme = await insertWorkspace(t.db, { slug: "acme", name: "Acme" });
  other = await insertWorkspace(t.db, { slug: "other", name: "Other" });
  state.db = t.db;
  const [a, b] = await t.db
    .insert(users)
    .values([
      { name: "Alice", email: "alice@example.com" },
      { name: "Bob", email: "bob@example.com" },
    ])
    .returning();
  await t.db.insert(memberships).values([
    { workspaceId: acme.id, userId: a.id, role: "responder" },
    { workspaceId: acme.id, userId: b.id, role: "viewer" },
  ]);
  alice = { kind: "user", id: a.id, name: "Alice", workspaceId: acme.id, role: "responder" };
  bob = { kind: "user", id: b.id, name: "Bob", workspaceId: acme.id, role: "viewer" };
  // The session each pusher-js client's auth request carries.
  vi.mocked(readCredentials).mockImplementation(async () => ({ userId: session.getStore()?.id ?? null, guest: null }));
  standIn = await startPusherStandIn(app);
  vi.stubEnv("PUSHER_APP_ID", app.appId);
  vi.stubEnv("PUSHER_KEY", app.key);
  vi.stubEnv("PUSHER_SECRET", app.secret);
  vi.stubEnv("PUSHER_CLUSTER", "local");
  vi.stubEnv("PUSHER_HOST", standIn.host);
  vi.stubEnv("PUSHER_PORT", String(standIn.port));
  resetEnvCache();
  setRealtimeDriver(createPusherDriver(pusherConfig(env())!));
});

afterAll(async () => {
  for (const c of clients) c.disconnect();
  setRealtimeDriver(undefined);
  vi.unstubAllEnvs();
  resetEnvCache();
  await standIn?.close();
  await t?.drop();
});

describe("Pusher driver (pusher + pusher-js against the stand-in)", () => {
  it("delivers a committed change to a member's browser on the private workspace channel", async () => {
    const browser = connect(bob);
    const channel = browser.subscribe(workspaceChannel(acme.id));
    await subscribed(channel);
    const received: RealtimeMessage[] = [];
    channel.bind(PUSHER_EVENT, (m: RealtimeMessage) => received.push(m));
    const created = await createIncident(t.db, alice, { title: `Pusher ${Date.now()}`, service: "api", severity: "P3" });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    await addNote(t.db, alice, created.data.id, { body: "Looking at the load balancer" });
    await vi.waitFor(() => expect(received.map((m) => m.type)).toEqual(["incident.created", "incident.timeline"]));
    expect(received[0]).toMatchObject({ incidentId: created.data.id, workspaceId: acme.id, origin: { kind: "user", id: alice.id } });
    expect(standIn.stats.accepted).toBeGreaterThanOrEqual(2);
    expect(standIn.stats.rejected).toBe(0);
  });

  it("rejects a trigger signed with the wrong secret", async () => {
    const forger = new Pusher({ appId: app.appId, key: app.key, secret: "not-the-secret", host: standIn.host, port: String(standIn.port), useTLS: false });
    await expect(forger.trigger(workspaceChannel(acme.id), PUSHER_EVENT, { type: "workspace.reset" })).rejects.toMatchObject({ status: 401 });
    expect(standIn.stats.rejected).toBe(1);
  });

  it("refuses a member of workspace A the channel of workspace B", async () => {
    const browser = connect(alice);
    await expect(subscribed(browser.subscribe(workspaceChannel(other.id)))).rejects.toMatchObject({ type: "AuthError" });
    await expect(subscribed(browser.subscribe(presenceChannel(other.id, "board")))).rejects.toMatchObject({ type: "AuthError" });
  });

  it("shows who is on the board with presence channels, as people come and go", async () => {
    const aliceBrowser = connect(alice);
    const board = aliceBrowser.subscribe(presenceChannel(acme.id, "board")) as ReturnType<PusherJs["subscribe"]> & { members: { count: number; each: (fn: (m: { id: string; info: { name: string } }) => void) => void } };
    await subscribed(board);
    const names = () => {
      const list: string[] = [];
      board.members.each((m) => list.push(m.info.name));
      return list.sort();
    };
    expect(names()).toEqual(["Alice"]);
    const bobBrowser = connect(bob);
    await subscribed(bobBrowser.subscribe(presenceChannel(acme.id, "board")));
    await vi.waitFor(() => expect(names()).toEqual(["Alice", "Bob"]));
    bobBrowser.disconnect();
    await vi.waitFor(() => expect(names()).toEqual(["Alice"]));
  });

  it("reconnects after the connection drops and resubscribes, so later changes still arrive", async () => {
    const browser = connect(bob);
    const channel = browser.subscribe(workspaceChannel(acme.id));
    await subscribed(channel);
    const states: string[] = [];
    browser.connection.bind("state_change", (s: { current: string }) => states.push(s.current));
    const received: RealtimeMessage[] = [];
    channel.bind(PUSHER_EVENT, (m: RealtimeMessage) => received.push(m));
    standIn.dropConnections();
    await vi.waitFor(() => expect(states).toContain("connected"), { timeout: 10_000 });
    await vi.waitFor(() => expect(channel.subscribed).toBe(true), { timeout: 10_000 });
    const created = await createIncident(t.db, alice, { title: `After reconnect ${Date.now()}`, service: "api", severity: "P3" });
    expect(created.ok).toBe(true);
    await vi.waitFor(() => expect(received.map((m) => m.type)).toContain("incident.created"));
  });
});
