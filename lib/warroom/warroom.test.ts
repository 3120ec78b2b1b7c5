import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { insertWorkspace } from "@/lib/workspaces/queries";
import { memberships, notifications, timelineEntries, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { createIncident } from "@/lib/incidents";
import { builtinScenarios, getSimulation, startSimulation, tickSimulations, manualClock } from "@/lib/simulation";
import { conversationSchema, scenarioSchema, unknownServices } from "@/lib/simulation/shared";
import { defaultTopology } from "@/lib/topology";
import { postMessage, toggleReaction } from "./chat";
import { composeConversation } from "./compose";
import { exportConversation } from "./export";
import { dueItems } from "./playback";
import { loadWarRoom } from "./queries";
import { incidentChannelName, mergeTimeline, parseMentions, threadsOf, type WarRoomItem } from "./shared";

let t: TestDatabase;
let admin: Actor;
let viewer: Actor;

beforeAll(async () => {
  t = await createTestDatabase();
  const ws = await insertWorkspace(t.db, { slug: "war", name: "War" });
  admin = { kind: "user", id: "u-admin", name: "Ada", workspaceId: ws.id, role: "admin" };
  viewer = { kind: "user", id: "u-view", name: "Vic", workspaceId: ws.id, role: "viewer" };
});

afterAll(async () => {
  await t?.drop();
});

const item = (id: string, at: string, extra: Partial<WarRoomItem> = {}): WarRoomItem => ({ id, kind: "chat", at, author: { kind: "user", id: null, name: "x" }, body: id, ...extra });

describe("the merged timeline", () => {
  it("orders every source by time, keeping the given order on ties", () => {
    const alerts = [item("a1", "2026-12-07T10:00:05Z", { kind: "alert" }), item("a2", "2026-12-07T10:00:20Z", { kind: "alert" })];
    const status = [item("s1", "2026-12-07T10:00:10Z", { kind: "status" }), item("s2", "2026-12-07T10:00:20Z", { kind: "status" })];
    const chat = [item("c1", "2026-12-07T10:00:00Z"), item("c2", "2026-12-07T10:00:20Z")];
    expect(mergeTimeline(alerts, status, chat).map((i) => i.id)).toEqual(["c1", "a1", "s1", "a2", "s2", "c2"]);
  });

  it("groups replies (and replies to replies) under the first message of their thread", () => {
    const list = [item("m1", "2026-12-07T10:00:00Z"), item("m2", "2026-12-07T10:00:01Z", { threadParentId: "m1" }), item("m3", "2026-12-07T10:00:02Z"), item("m4", "2026-12-07T10:00:03Z", { threadParentId: "m2" })];
    expect(threadsOf(list).map((x) => [x.item.id, x.replies.map((r) => r.id)])).toEqual([
      ["m1", ["m2", "m4"]],
      ["m3", []],
    ]);
  });

  it("finds known @mentions once each, ignoring e-mail addresses and unknown handles", () => {
    expect(parseMentions("@checkout-oncall ping @ada and @ada, not ada@example.com or @nobody.", ["@ada", "@checkout-oncall"])).toEqual(["@checkout-oncall", "@ada"]);
  });

  it("names the incident's channel after its day and number", () => {
    expect(incidentChannelName(new Date("2026-12-07T23:59:00Z"), 42)).toBe("#inc-2026-12-07-042");
  });
});

describe("chat on an incident", () => {
  it("posts to the service's on-call channel by default, threads replies, resolves mentions, toggles reactions", async () => {
    const inc = await createIncident(t.db, admin, { title: "Checkout errors", service: "checkout", severity: "P1" });
    if (!inc.ok) throw new Error(inc.error);
    const first = await postMessage(t.db, admin, inc.data.id, { body: "@checkout-oncall @payment-oncall seeing 502s" });
    if (!first.ok) throw new Error(first.error);
    expect(first.data.data).toMatchObject({ channel: "#checkout-oncall", mentions: ["@checkout-oncall", "@payment-oncall"] });
    const own = incidentChannelName(inc.data.createdAt, inc.data.number);
    const reply = await postMessage(t.db, admin, inc.data.id, { body: "on it", channel: own, threadParentId: first.data.id });
    if (!reply.ok) throw new Error(reply.error);

    const bad = await postMessage(t.db, admin, inc.data.id, { body: "x", channel: "#elsewhere" });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues?.[0]?.path).toBe("channel");
    const orphan = await postMessage(t.db, admin, inc.data.id, { body: "x", threadParentId: "00000000-0000-4000-8000-000000000000" });
    expect(orphan.ok).toBe(false);
    if (!orphan.ok) expect(orphan.issues?.[0]?.path).toBe("threadParentId");
    expect((await postMessage(t.db, viewer, inc.data.id, { body: "x" })).ok).toBe(false);

    await toggleReaction(t.db, admin, first.data.id, { emoji: "👀" });
    const room = await loadWarRoom(t.db, admin, inc.data.id);
    const chat = room.items.filter((i) => i.kind === "chat");
    expect(chat.map((c) => c.body)).toEqual(["@checkout-oncall @payment-oncall seeing 502s", "on it"]);
    expect(chat[0].reactions).toEqual({ "👀": ["Ada"] });
    expect(chat[1].threadParentId).toBe(first.data.id);
    expect(room.channels.slice(0, 2)).toEqual(["#checkout-oncall", own]);
    expect(room.items.some((i) => i.kind === "status")).toBe(true);
    const again = await toggleReaction(t.db, admin, first.data.id, { emoji: "👀" });
    expect(again.ok && again.data.reactions).toEqual({});

    const exported = await exportConversation(t.db, admin, inc.data.id);
    expect(exported.timeline.map((i) => i.type)).toEqual(["mention", "message"]);
    expect(exported.timeline[1].thread_parent).toBe(0);
  });
});

describe("drill conversations", () => {
  const topology = defaultTopology();
  const withoutScript = builtinScenarios().filter((s) => !s.conversation);

  it("composes a valid conversation for every scenario without a script, the same for the same seed", () => {
    expect(withoutScript.length).toBeGreaterThan(3);
    for (const s of withoutScript) {
      const conv = composeConversation(s, topology, 11);
      const parsed = conversationSchema.safeParse(conv);
      expect(parsed.success, `${s.id}: ${parsed.success ? "" : JSON.stringify(parsed.error.issues)}`).toBe(true);
      expect(composeConversation(s, topology, 11)).toEqual(conv);
      expect(conv.timeline[0].type).toBe("alert");
      expect(conv.timeline.at(-1)!.type).toBe("resolution");
      const types = new Set(conv.timeline.map((i) => i.type));
      expect(types.has("action")).toBe(true);
    }
    const s = withoutScript[0];
    expect(JSON.stringify(composeConversation(s, topology, 1))).not.toBe(JSON.stringify(composeConversation(s, topology, 2)));
  });

  it("plays items whose offset the world time has reached, and the rest when the run ends", () => {
    const conv = builtinScenarios().find((s) => s.id === "cache_failure")!.conversation!;
    expect(dueItems(conv, 0, 35_000)).toEqual([0, 1, 2]);
    expect(dueItems(conv, 3, 35_000)).toEqual([]);
    expect(dueItems(conv, 3, 60_000)).toEqual([3, 4]);
    expect(dueItems(conv, 11, 0, true)).toEqual([11, 12]);
  });

  it("refuses a conversation naming services the topology lacks, naming the item and field", () => {
    const base = builtinScenarios().find((s) => s.id === "cache_failure")!;
    const scenario = scenarioSchema.parse({
      ...base,
      id: "bad_conv",
      conversation: {
        ...base.conversation,
        services: { ...base.conversation!.services, "warp-drive": { channel: "#warp-oncall", oncall_group: "@warp-oncall", role: "observer" } },
        timeline: [...base.conversation!.timeline.slice(0, 1), { offset_seconds: 5, type: "alert", channel: "#warp-oncall", service: "flux-capacitor", title: "x" }],
      },
    });
    expect(unknownServices(scenario, topology).map((i) => i.path)).toEqual(["conversation.services.warp-drive", "conversation.timeline.1.service"]);
  });

  it("every conversation rule refuses its bad example", () => {
    const ok = builtinScenarios().find((s) => s.id === "cache_failure")!.conversation!;
    const bad = (patch: (c: typeof ok) => unknown) => {
      const r = conversationSchema.safeParse(patch(structuredClone(ok)));
      return r.success ? [] : r.error.issues.map((i) => i.path.join("."));
    };
    expect(bad((c) => ({ ...c, timeline: [c.timeline[1], c.timeline[0]] }))).toContain("timeline.1.offset_seconds");
    expect(bad((c) => ({ ...c, timeline: [{ ...c.timeline[0], thread_parent: 0 }] }))).toContain("timeline.0.thread_parent");
    expect(bad((c) => ({ ...c, timeline: [{ ...c.timeline[0], channel: "#nowhere" }] }))).toContain("timeline.0.channel");
    expect(bad((c) => ({ ...c, timeline: [{ ...c.timeline[7], offset_seconds: 0, mentions: ["@nobody"] }] }))).toContain("timeline.0.mentions");
    expect(bad((c) => ({ ...c, timeline: [{ ...c.timeline[1], offset_seconds: 0, thread_parent: undefined, user: "zed" }] }))).toContain("timeline.0.user");
    expect(bad((c) => ({ ...c, timeline: [{ ...c.timeline[0], metrics: { p95_latency: "500" } }] }))).toContain("timeline.0.metrics");
    expect(bad((c) => ({ ...c, timeline: [{ ...c.timeline[0], metrics: { error_rate: "5" } }] }))).toContain("timeline.0.metrics");
    expect(bad((c) => ({ ...c, timeline: [] }))).toContain("timeline");
  });

  it("a drill at 10× plays its script into the incident's timeline in order, with personas and threads", async () => {
    const clock = manualClock(new Date("2026-12-07T09:00:00Z"));
    const started = await startSimulation(t.db, admin, "cache_failure", { seed: 5, speed: 10 }, { clock });
    if (!started.ok) throw new Error(started.error);
    for (let i = 0; i < 40; i++) {
      clock.advance(1000);
      await tickSimulations(t.db, { now: clock.now(), ids: [started.data.id] });
    }
    const run = await getSimulation(t.db, { workspaceId: admin.workspaceId, id: started.data.id });
    const target = run.state.incidents.find((i) => i.service === "recommendation") ?? run.state.incidents[0];
    expect(target).toBeDefined();
    const rows = await t.db
      .select()
      .from(timelineEntries)
      .where(and(eq(timelineEntries.incidentId, target.id)))
      .orderBy(asc(timelineEntries.createdAt));
    const played = rows.filter((r) => (r.data as { conversation?: unknown }).conversation);
    const script = builtinScenarios().find((s) => s.id === "cache_failure")!.conversation!.timeline;
    expect(played.map((r) => r.body)).toEqual(script.slice(0, played.length).map((i) => (i.type === "alert" ? [i.title, i.details].filter(Boolean).join(": ") : i.content)));
    expect(played.length).toBeGreaterThan(8);
    const alice = played.find((r) => r.authorName === "Alice Chen");
    expect(alice?.kind).toBe("chat");
    expect(alice?.data.threadParentId).toBe(played[0].id);
    const room = await loadWarRoom(t.db, admin, target.id);
    expect(room.items.filter((i) => i.author.kind === "persona").length).toBeGreaterThan(5);
  });
});

describe("mentions reach people", () => {
  it("an @mention of a member puts one 'mentioned' notification in their inbox; mentioning yourself does not", async () => {
    const [bo] = await t.db.insert(users).values({ name: "Bo Responder", email: `bo.responder-${Date.now()}@example.com` }).returning();
    await t.db.insert(memberships).values({ workspaceId: admin.workspaceId, userId: bo.id, role: "responder" });
    const handle = `@${bo.email.split("@")[0]}`;
    const inc = await createIncident(t.db, admin, { title: "Checkout mentions", service: "checkout", severity: "P2" });
    if (!inc.ok) throw new Error(inc.error);
    const posted = await postMessage(t.db, admin, inc.data.id, { body: `${handle} can you check the pool?` });
    if (!posted.ok) throw new Error(posted.error);
    const bos = await t.db.select().from(notifications).where(eq(notifications.userId, bo.id));
    expect(bos).toHaveLength(1);
    expect(bos[0]).toMatchObject({ event: "mentioned", incidentId: inc.data.id, title: `Ada mentioned you on INC-${inc.data.number}` });

    const boActor: Actor = { kind: "user", id: bo.id, name: "Bo Responder", workspaceId: admin.workspaceId, role: "responder" };
    const self = await postMessage(t.db, boActor, inc.data.id, { body: `${handle} note to self` });
    if (!self.ok) throw new Error(self.error);
    expect(await t.db.select().from(notifications).where(eq(notifications.userId, bo.id))).toHaveLength(1);
  });
});
