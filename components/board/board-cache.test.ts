import { describe, expect, it } from "vitest";
import { withCardMoved, withCardPatched } from "./board-cache";
import type { BoardCardView, BoardView } from "@/lib/incidents/board-view";

function card(number: number, status: BoardCardView["status"], createdAt: string, resolvedAt: string | null = null): BoardCardView {
  return {
    id: `id-${number}`,
    number,
    title: `Incident ${number}`,
    service: "checkout",
    team: "payments",
    severity: "P2",
    status,
    eventCount: 0,
    incidentType: "real",
    version: 1,
    createdAt,
    updatedAt: createdAt,
    resolvedAt,
  };
}

function board(): BoardView {
  return {
    open: [card(3, "triage", "2026-01-03T00:00:00.000Z"), card(2, "investigating", "2026-01-02T00:00:00.000Z"), card(1, "triage", "2026-01-01T00:00:00.000Z")],
    openCounts: { triage: 2, investigating: 1, fixing: 0 },
    perColumn: 50,
    openTruncated: false,
    resolved: { items: [card(9, "resolved", "2025-12-01T00:00:00.000Z", "2025-12-02T00:00:00.000Z")], total: 41, page: 1, pageSize: 20 },
  };
}

describe("optimistic board moves", () => {
  it("moves a card between open columns without changing its place in the newest-first order", () => {
    const next = withCardMoved(board(), "id-2", "fixing");
    expect(next.open.map((c) => [c.number, c.status])).toEqual([
      [3, "triage"],
      [2, "fixing"],
      [1, "triage"],
    ]);
    expect(next.openCounts).toEqual({ triage: 2, investigating: 0, fixing: 1 });
    expect(next.resolved.total).toBe(41);
  });

  it("puts a resolved card on top of the resolved column with a resolution time, and counts it", () => {
    const now = new Date("2026-02-01T10:00:00.000Z");
    const next = withCardMoved(board(), "id-1", "resolved", {}, now);
    expect(next.open.map((c) => c.number)).toEqual([3, 2]);
    expect(next.resolved.items[0]).toMatchObject({ number: 1, status: "resolved", resolvedAt: now.toISOString() });
    expect(next.resolved.total).toBe(42);
    expect(next.openCounts.triage).toBe(1);
  });

  it("reopening a resolved card takes it out of the resolved column and back among open cards by age", () => {
    const next = withCardMoved(board(), "id-9", "triage");
    expect(next.resolved.items).toHaveLength(0);
    expect(next.resolved.total).toBe(40);
    expect(next.openCounts.triage).toBe(3);
    expect(next.open.map((c) => c.number)).toEqual([3, 2, 1, 9]);
    expect(next.open.at(-1)?.resolvedAt).toBeNull();
  });

  it("reverting with the original card restores its status, version and resolution time", () => {
    const original = board().resolved.items[0];
    const moved = withCardMoved(board(), "id-9", "investigating");
    const reverted = withCardMoved(moved, "id-9", original.status, original);
    expect(reverted.resolved.items[0]).toEqual(original);
    expect(reverted.resolved.total).toBe(41);
    expect(reverted.open.map((c) => c.number)).toEqual([3, 2, 1]);
  });

  it("closing a resolved card keeps it in place in the resolved column", () => {
    const next = withCardMoved(board(), "id-9", "closed");
    expect(next.resolved.items[0]).toMatchObject({ number: 9, status: "closed", resolvedAt: "2025-12-02T00:00:00.000Z" });
    expect(next.resolved.total).toBe(41);
  });

  it("leaves the board alone for a card it does not show", () => {
    const before = board();
    expect(withCardMoved(before, "missing", "fixing")).toBe(before);
  });

  it("patches the version the server returned after a move", () => {
    expect(withCardPatched(board(), "id-3", { version: 7 }).open[0].version).toBe(7);
  });
});
