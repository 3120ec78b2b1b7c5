import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { queryKeys } from "@/lib/query-keys";
import type { RealtimeMessage } from "@/lib/realtime/events";
import { alreadyApplied, planInvalidation } from "./invalidation";

const ws = "acme";
const id = "0b6f3c1e-1111-4222-8333-444455556666";
const base = { workspaceId: "w", at: "2026-11-23T00:00:00Z" };

function keysOf(message: RealtimeMessage) {
  return planInvalidation(ws, message).map((i) => JSON.stringify(i.queryKey));
}

describe("which queries an event refreshes", () => {
  it("a moved card refreshes the board and that incident, not other incidents", () => {
    const keys = keysOf({ ...base, type: "incident.updated", incidentId: id, version: 2 });
    expect(keys).toContain(JSON.stringify(queryKeys.board(ws)));
    expect(keys).toContain(JSON.stringify(queryKeys.incident(ws, id)));
    expect(keys.some((k) => k.includes("other-incident"))).toBe(false);
  });

  it("a note refreshes the incident's timeline but not the board", () => {
    const keys = keysOf({ ...base, type: "incident.timeline", incidentId: id, entryId: "e1" });
    expect(keys).toContain(JSON.stringify(queryKeys.incidentTimeline(ws, id)));
    expect(keys).not.toContain(JSON.stringify(queryKeys.board(ws)));
  });

  it("events, diagnoses and simulations refresh their own lists; a reset refreshes everything", () => {
    expect(keysOf({ ...base, type: "incident.events", incidentId: id, eventCount: 3 })).toContain(JSON.stringify(queryKeys.incidentEvents(ws, id)));
    expect(keysOf({ ...base, type: "diagnosis.finished", incidentId: id, diagnosisId: "d" })).toContain(JSON.stringify(queryKeys.incidentDiagnoses(ws, id)));
    expect(keysOf({ ...base, type: "simulation.updated", simulationId: "s", status: "running" })).toContain(JSON.stringify(queryKeys.simulations(ws)));
    expect(keysOf({ ...base, type: "workspace.reset" })).toEqual([JSON.stringify(queryKeys.all(ws))]);
  });

  it("an agent step refreshes the plan's incident panel and timeline and every list of plans (inbox, badge), not the board", () => {
    const keys = keysOf({ ...base, type: "agent.step", incidentId: id, executionId: "p1", state: "step:0:done" });
    expect(keys).toEqual(
      expect.arrayContaining([JSON.stringify(queryKeys.incidentAgent(ws, id)), JSON.stringify(queryKeys.incidentTimeline(ws, id)), JSON.stringify(queryKeys.agent(ws))]),
    );
    expect(keys).not.toContain(JSON.stringify(queryKeys.board(ws)));
    expect(keysOf({ ...base, type: "agent.step", incidentId: null, executionId: "p2", state: "approved" })).toEqual([JSON.stringify(queryKeys.agent(ws))]);
  });
});

describe("recognising the echo of a change this tab already shows", () => {
  const moved: RealtimeMessage = { ...base, type: "incident.updated", incidentId: id, version: 3 };

  function clientWith(version: number) {
    const client = new QueryClient();
    client.setQueryData(queryKeys.boardView(ws, {}, 1), { open: [{ id, version, status: "investigating" }], resolved: { items: [] } });
    client.setQueryData(queryKeys.incident(ws, id), { incident: { id, version } });
    return client;
  }

  it("skips when every cached copy already has the version", () => {
    expect(alreadyApplied(clientWith(3), ws, moved)).toBe(true);
  });

  it("refetches when a cached copy is older", () => {
    expect(alreadyApplied(clientWith(2), ws, moved)).toBe(false);
  });

  it("refetches a board that does not hold the card (a filter may now match it)", () => {
    const client = clientWith(3);
    client.setQueryData(queryKeys.boardView(ws, { q: "db" }, 1), { open: [], resolved: { items: [] } });
    expect(alreadyApplied(client, ws, moved)).toBe(false);
  });
});
