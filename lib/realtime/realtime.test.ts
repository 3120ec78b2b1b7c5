import { EventEmitter } from "node:events";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestDatabase, testDatabaseUrl, type TestDatabase } from "@/db/testing";
import { insertWorkspace } from "@/lib/workspaces/queries";
import { eq } from "drizzle-orm";
import { memberships, realtimePresence, users, type Workspace } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { createIncident } from "@/lib/incidents/create-incident";
import { changeIncidentStatus } from "@/lib/incidents/change-status";
import { readCredentials, type Credentials } from "@/lib/api/session";
import { stillAllowed } from "@/lib/api/caller";
import * as pusherAuthRoute from "@/app/api/workspaces/[slug]/realtime/pusher-auth/route";
import * as presenceRoute from "@/app/api/workspaces/[slug]/realtime/presence/route";
import * as streamRoute from "@/app/api/workspaces/[slug]/realtime/stream/route";
import { createLocalDriver } from "./builtin/local-driver";
import { sseResponse } from "./builtin/sse";
import { createNotifyDriver, encodeMessage, NOTIFY_PAYLOAD_LIMIT } from "./builtin/notify-driver";
import { busEvents } from "./driver";
import type { RealtimeMessage } from "./events";
import { parseChannel, presenceChannel } from "./channels";
import { joinPresence, leavePresence, listPresence } from "./presence";
import { localBus, publish, setRealtimeDriver } from "./publish";
import { frameCollector, readSse } from "./testing/sse-reader";

const state = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock("@/db", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/db")>()), getDb: async () => state.db }));
vi.mock("@/lib/api/session", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/lib/api/session")>()), readCredentials: vi.fn() }));

let t: TestDatabase;
let acme: Workspace;
let other: Workspace;
let demo: Workspace;
let alice: Actor;
let bob: Actor;
let guest: Actor;

/** Who the browser is: what its cookies carry (the rest, membership and demo rules, is the real resolver). */
function signInAs(credentials: Partial<Credentials>) {
  vi.mocked(readCredentials).mockResolvedValue({ userId: null, guest: null, ...credentials });
}

const segment = (slug: string) => ({ params: Promise.resolve({ slug }) });
const url = (slug: string, path: string) => `http://test/api/workspaces/${slug}/realtime/${path}`;

async function openStream(slug: string) {
  const controller = new AbortController();
  const response = await streamRoute.GET(new Request(url(slug, "stream"), { signal: controller.signal }), segment(slug));
  const frames = frameCollector();
  if (response.ok && response.body) void readSse(response.body, frames.push).catch(() => {});
  return { response, frames, close: () => controller.abort() };
}

beforeAll(async () => {
  t = await createTestDatabase();
  acme = await insertWorkspace(t.db, { slug: "acme", name: "Acme" });
  other = await insertWorkspace(t.db, { slug: "other", name: "Other" });
  demo = await insertWorkspace(t.db, { slug: "demo", name: "Demo", kind: "demo" });
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
    // Alice is also in "other", so two of her streams can be compared.
    { workspaceId: other.id, userId: a.id, role: "viewer" },
  ]);
  alice = { kind: "user", id: a.id, name: "Alice", workspaceId: acme.id, role: "responder" };
  bob = { kind: "user", id: b.id, name: "Bob", workspaceId: acme.id, role: "viewer" };
  guest = { kind: "guest", id: "guest_00000000-0000-4000-8000-0000000000aa", name: "Teal Otter", workspaceId: demo.id, role: "responder", color: "#14b8a6" };
  setRealtimeDriver(createLocalDriver());
});

afterAll(async () => {
  setRealtimeDriver(undefined);
  await t?.drop();
});

const asAlice = { userId: "" } as Partial<Credentials>;
const asGuest = () => ({ guest: { id: guest.id!, name: guest.name, color: guest.color! } });
beforeEach(() => {
  asAlice.userId = alice.id;
  signInAs(asAlice);
});

describe("publish", () => {
  it("stamps the workspace and origin and reaches the workspace's open streams after commit", async () => {
    const stream = await openStream("acme");
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get("content-type")).toContain("text/event-stream");
    await stream.frames.waitFor((f) => f.event === "ready");
    const created = await createIncident(t.db, alice, { title: `Latency ${Date.now()}`, service: "checkout", severity: "P2" });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const moved = await changeIncidentStatus(t.db, alice, created.data.id, { status: "investigating" });
    expect(moved.ok).toBe(true);
    const frame = await stream.frames.waitFor((f) => f.event === "message" && (f.data as RealtimeMessage).type === "incident.updated");
    const message = frame.data as RealtimeMessage;
    expect(message).toMatchObject({ type: "incident.updated", incidentId: created.data.id, version: 2, workspaceId: acme.id, origin: { kind: "user", id: alice.id } });
    // Ids and versions only: never the incident row itself.
    expect(message).not.toHaveProperty("title");
    stream.close();
  });

  it("does not deliver one workspace's messages to another workspace's streams", async () => {
    signInAs(asAlice);
    const mine = await openStream("acme");
    const theirs = await openStream("other");
    await Promise.all([mine.frames.waitFor((f) => f.event === "ready"), theirs.frames.waitFor((f) => f.event === "ready")]);
    await publish(alice, { type: "incident.deleted", incidentId: "00000000-0000-4000-8000-000000000001" });
    await mine.frames.waitFor((f) => f.event === "message");
    await new Promise((r) => setTimeout(r, 50));
    expect(theirs.frames.frames.filter((f) => f.event === "message")).toHaveLength(0);
    mine.close();
    theirs.close();
  });

  it("never fails the caller's write when the driver fails", async () => {
    setRealtimeDriver({ publish: async () => Promise.reject(new Error("network down")) });
    await expect(publish(alice, { type: "workspace.reset" })).resolves.toBeUndefined();
    setRealtimeDriver(createLocalDriver());
  });

  it("closes the stream's subscription when the browser goes away", async () => {
    const bus = localBus();
    const stream = await openStream("acme");
    await stream.frames.waitFor((f) => f.event === "ready");
    stream.close();
    await new Promise((r) => setTimeout(r, 20));
    // The hub listens once; a closed stream leaves no per-connection listener behind.
    expect(bus.listenerCount(busEvents.message)).toBe(1);
  });
});

describe("channel authorisation", () => {
  it("refuses a member of workspace A the stream of workspace B with 403", async () => {
    signInAs({ userId: bob.id });
    const stream = await openStream("other");
    expect(stream.response.status).toBe(403);
  });

  it("lets guests follow only the demo workspace", async () => {
    signInAs(asGuest());
    const inDemo = await openStream("demo");
    expect(inDemo.response.status).toBe(200);
    inDemo.close();
    const inTeam = await openStream("acme");
    expect(inTeam.response.status).toBe(401);
  });

  it("answers 401 when nobody is signed in and 404 for an unknown workspace", async () => {
    signInAs({});
    expect((await openStream("acme")).response.status).toBe(401);
    signInAs(asAlice);
    expect((await openStream("nope")).response.status).toBe(404);
  });

  it("signs Pusher subscriptions only for the caller's own workspace", async () => {
    vi.stubEnv("PUSHER_APP_ID", "1");
    vi.stubEnv("PUSHER_KEY", "key");
    vi.stubEnv("PUSHER_SECRET", "secret");
    vi.stubEnv("PUSHER_CLUSTER", "eu");
    const { resetEnvCache } = await import("@/env");
    resetEnvCache();
    try {
      const auth = (channel: string) =>
        pusherAuthRoute.POST(
          new Request(url("acme", "pusher-auth"), {
            method: "POST",
            headers: { "content-type": "application/x-www-form-urlencoded" },
            body: new URLSearchParams({ socket_id: "123.456", channel_name: channel }).toString(),
          }),
          segment("acme"),
        );
      const own = await auth(`private-workspace-${acme.id}`);
      expect(own.status).toBe(200);
      expect((await own.json()).auth).toMatch(/^key:[0-9a-f]{64}$/);
      expect((await auth(`private-workspace-${other.id}`)).status).toBe(403);
      expect((await auth(`presence-workspace-${other.id}-board`)).status).toBe(403);
      expect((await auth("private-something-else")).status).toBe(403);
      const crossSite = await pusherAuthRoute.POST(
        new Request(url("acme", "pusher-auth"), {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://evil.example" },
          body: new URLSearchParams({ socket_id: "123.456", channel_name: `private-workspace-${acme.id}` }).toString(),
        }),
        segment("acme"),
      );
      expect(crossSite.status).toBe(403);
      const presence = await auth(presenceChannel(acme.id, "board"));
      expect(presence.status).toBe(200);
      expect(JSON.parse((await presence.json()).channel_data)).toEqual({ user_id: `user:${alice.id}`, user_info: { name: "Alice", color: null, kind: "user" } });
    } finally {
      vi.unstubAllEnvs();
      resetEnvCache();
    }
  });

  it("parses only the channel names the app hands out", () => {
    const incident = "0b6f3c1e-1111-4222-8333-444455556666";
    expect(parseChannel(`private-workspace-${acme.id}`)).toEqual({ kind: "workspace", workspaceId: acme.id });
    expect(parseChannel(presenceChannel(acme.id, `incident:${incident}`))).toEqual({ kind: "presence", workspaceId: acme.id, room: `incident:${incident}` });
    expect(parseChannel(`private-workspace-${acme.id}-x`)).toBeNull();
    expect(parseChannel("presence-workspace-x-board")).toBeNull();
  });
});

describe("open streams after access ends", () => {
  it("ends the stream at the next heartbeat once the check says no", async () => {
    let allowed = true;
    const controller = new AbortController();
    const response = sseResponse({ workspaceId: acme.id, signal: controller.signal, heartbeatMs: 20, recheckMs: 0, recheck: async () => allowed });
    const frames = frameCollector();
    const ended = readSse(response.body!, frames.push);
    await frames.waitFor((f) => f.event === "ping");
    allowed = false;
    const outcome = await Promise.race([ended.then(() => "closed"), new Promise((r) => setTimeout(() => r("still open"), 2_000))]);
    controller.abort();
    expect(outcome).toBe("closed");
  });

  it("allows a member until they are removed, and guests only in the demo while it is on", async () => {
    const [u] = await t.db.insert(users).values({ name: "Remy", email: `remy-${Date.now()}@example.com` }).returning();
    await t.db.insert(memberships).values({ workspaceId: acme.id, userId: u.id, role: "viewer" });
    const remy: Actor = { kind: "user", id: u.id, name: "Remy", workspaceId: acme.id, role: "viewer" };
    expect(await stillAllowed(t.db, { actor: remy, workspace: acme })).toBe(true);
    await t.db.delete(memberships).where(eq(memberships.userId, u.id));
    expect(await stillAllowed(t.db, { actor: remy, workspace: acme })).toBe(false);
    expect(await stillAllowed(t.db, { actor: guest, workspace: demo })).toBe(true);
    expect(await stillAllowed(t.db, { actor: guest, workspace: acme })).toBe(false);
    vi.stubEnv("DEMO_MODE", "off");
    const { resetEnvCache } = await import("@/env");
    resetEnvCache();
    try {
      expect(await stillAllowed(t.db, { actor: guest, workspace: demo })).toBe(false);
    } finally {
      vi.unstubAllEnvs();
      resetEnvCache();
    }
  });
});

describe("built-in presence", () => {
  it("shows each person once, tells the room's streams when people come and go, and forgets leavers", async () => {
    signInAs(asAlice);
    const stream = await openStream("acme");
    await stream.frames.waitFor((f) => f.event === "ready");
    const join = (actor: Actor, connectionId: string) => joinPresence(t.db, actor, { room: "board", connectionId });
    await join(alice, "tab-alice-1");
    await stream.frames.waitFor((f) => f.event === "presence" && (f.data as { room: string }).room === "board");
    await join(alice, "tab-alice-2");
    const members = await join(bob, "tab-bob-1");
    expect(members.map((m) => m.name)).toEqual(["Alice", "Bob"]);
    await leavePresence(t.db, bob, { connectionId: "tab-bob-1" });
    expect((await listPresence(t.db, acme.id, "board")).map((m) => m.name)).toEqual(["Alice"]);
    // Someone else cannot remove Alice's tab.
    await leavePresence(t.db, bob, { connectionId: "tab-alice-1" });
    expect((await listPresence(t.db, acme.id, "board")).map((m) => m.name)).toEqual(["Alice"]);
    stream.close();
  });

  it("serves the endpoints: join answers the members, 422 names a bad room", async () => {
    signInAs(asAlice);
    const post = (body: unknown, slug = "acme") => presenceRoute.POST(new Request(url(slug, "presence"), { method: "POST", body: JSON.stringify(body) }), segment(slug));
    const ok = await post({ room: "board", connectionId: "tab-endpoint-1" });
    expect(ok.status).toBe(200);
    expect((await ok.json()).members.map((m: { name: string }) => m.name)).toContain("Alice");
    const bad = await post({ room: "kitchen", connectionId: "tab-endpoint-1" });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(await bad.json())).toContain("room");
    const list = await presenceRoute.GET(new Request(`${url("acme", "presence")}?room=board`), segment("acme"));
    expect(list.status).toBe(200);
    signInAs({ userId: bob.id });
    expect((await post({ room: "board", connectionId: "tab-endpoint-2" }, "other")).status).toBe(403);
    signInAs(asAlice);
    expect((await post({ connectionId: "tab-endpoint-1", action: "leave" })).status).toBe(200);
  });

  it("refuses a cross-site join or leave carrying the visitor's cookies (CSRF) and changes nothing", async () => {
    signInAs(asAlice);
    const post = (body: unknown, origin: string) =>
      presenceRoute.POST(new Request(url("acme", "presence"), { method: "POST", headers: { origin }, body: JSON.stringify(body) }), segment("acme"));
    const forged = await post({ room: "board", connectionId: "tab-forged-1" }, "https://evil.example");
    expect(forged.status).toBe(403);
    expect((await forged.json()).code).toBe("forbidden:origin");
    expect(await t.db.select().from(realtimePresence).where(eq(realtimePresence.connectionId, "tab-forged-1"))).toEqual([]);
    expect(await post({ room: "board", connectionId: "tab-same-site-1" }, "http://test")).toMatchObject({ status: 200 });
    expect((await post({ connectionId: "tab-same-site-1", action: "leave" }, "https://evil.example")).status).toBe(403);
    expect((await listPresence(t.db, acme.id, "board")).map((m) => m.name)).toContain("Alice");
    await post({ connectionId: "tab-same-site-1", action: "leave" }, "http://test");
  });
});

describe("LISTEN/NOTIFY payloads", () => {
  it("keeps every payload under PostgreSQL's 8000-byte limit, degrading to a workspace refetch", () => {
    const huge: RealtimeMessage = { type: "incident.updated", incidentId: "x", version: 3, fields: Array.from({ length: 2000 }, (_, i) => `field${i}`), workspaceId: acme.id, at: "" };
    const encoded = encodeMessage(huge);
    expect(Buffer.byteLength(encoded)).toBeLessThanOrEqual(NOTIFY_PAYLOAD_LIMIT);
    expect(JSON.parse(encoded).m).toMatchObject({ type: "incident.updated", version: 3 });
    const small: RealtimeMessage = { type: "incident.deleted", incidentId: "y", workspaceId: acme.id, at: "", origin: { kind: "x".repeat(9000), id: null } };
    expect(JSON.parse(encodeMessage(small))).toEqual({ k: "r", w: acme.id });
  });
});

describe.runIf(process.env.DATABASE_URL)("NOTIFY fan-out on PostgreSQL", () => {
  it("delivers every event exactly once to every instance, in order", async () => {
    const url = testDatabaseUrl(t)!;
    const channel = `firedrill_test_${Date.now()}`;
    const buses = [new EventEmitter(), new EventEmitter()];
    const instances = await Promise.all(buses.map((bus) => createNotifyDriver(url, { channel, bus })));
    const heard: RealtimeMessage[][] = [[], []];
    buses.forEach((bus, i) => bus.on(busEvents.message, (m: RealtimeMessage) => heard[i].push(m)));
    const presence: unknown[] = [];
    buses[1].on(busEvents.presence, (p) => presence.push(p));
    try {
      const sent = 40;
      for (let i = 0; i < sent; i++) {
        // Alternate publishers: a commit on either instance reaches both.
        await instances[i % 2].publish({ type: "incident.updated", incidentId: "i", version: i + 1, workspaceId: acme.id, at: new Date().toISOString() });
      }
      await instances[0].presenceChanged(acme.id, "board");
      await vi.waitFor(() => expect(heard.map((h) => h.length)).toEqual([sent, sent]), { timeout: 5_000 });
      for (const h of heard) expect(h.map((m) => (m as { version: number }).version)).toEqual(Array.from({ length: sent }, (_, i) => i + 1));
      await vi.waitFor(() => expect(presence).toEqual([{ workspaceId: acme.id, room: "board" }]));
    } finally {
      await Promise.all(instances.map((d) => d.close()));
    }
  });

  it("fans out to a second app instance running in its own process", async () => {
    const url = testDatabaseUrl(t)!;
    const channel = `firedrill_test_proc_${Date.now()}`;
    const { spawn } = await import("node:child_process");
    const child = spawn(process.execPath, ["--import", "tsx", "lib/realtime/testing/notify-listener.ts", url, channel], {
      cwd: process.cwd(),
      env: { ...process.env, LOG_LEVEL: "silent" },
      stdio: ["pipe", "pipe", "inherit"],
    });
    const lines: { kind: string; message?: RealtimeMessage }[] = [];
    let buffer = "";
    child.stdout.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      let i: number;
      while ((i = buffer.indexOf("\n")) !== -1) {
        lines.push(JSON.parse(buffer.slice(0, i)));
        buffer = buffer.slice(i + 1);
      }
    });
    const here = new EventEmitter();
    const heardHere: RealtimeMessage[] = [];
    here.on(busEvents.message, (m: RealtimeMessage) => heardHere.push(m));
    const driver = await createNotifyDriver(url, { channel, bus: here });
    try {
      await vi.waitFor(() => expect(lines.some((l) => l.kind === "ready")).toBe(true), { timeout: 20_000 });
      for (let v = 1; v <= 10; v++) {
        await driver.publish({ type: "incident.updated", incidentId: "i", version: v, workspaceId: acme.id, at: new Date().toISOString() });
      }
      const versions = () => lines.filter((l) => l.kind === "message").map((l) => (l.message as { version: number }).version);
      await vi.waitFor(() => expect(versions()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), { timeout: 5_000 });
      // This instance hears its own commits through its LISTEN connection too, on its own schedule.
      await vi.waitFor(() => expect(heardHere.map((m) => (m as { version: number }).version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), { timeout: 5_000 });
    } finally {
      child.stdin.end();
      await new Promise((r) => child.once("exit", r));
      await driver.close();
    }
  }, 40_000);

  it("tells clients to refetch when the LISTEN connection comes back after a drop", async () => {
    const url = testDatabaseUrl(t)!;
    const channel = `firedrill_test_resync_${Date.now()}`;
    const bus = new EventEmitter();
    const driver = await createNotifyDriver(url, { channel, bus });
    const resyncs: unknown[] = [];
    bus.on(busEvents.resync, () => resyncs.push(1));
    const postgres = (await import("postgres")).default;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    try {
      await admin`select pg_terminate_backend(pid) from pg_stat_activity where query ilike ${`listen%${channel}%`} and pid <> pg_backend_pid()`;
      await vi.waitFor(() => expect(resyncs.length).toBeGreaterThan(0), { timeout: 10_000 });
      const heard: unknown[] = [];
      bus.on(busEvents.message, (m) => heard.push(m));
      await driver.publish({ type: "workspace.reset", workspaceId: acme.id, at: "" });
      await vi.waitFor(() => expect(heard).toHaveLength(1));
    } finally {
      await admin.end();
      await driver.close();
    }
  });
});
