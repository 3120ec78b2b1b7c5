import { describe, expect, it } from "vitest";
import type { ScheduleLayer } from "@/db/schema";
import { layerShifts, nextBusinessOpening, onCallAt, shiftIndexAt } from "./rotation";

const daily = (members: string[], tz = "Europe/Berlin"): { timeZone: string; layers: ScheduleLayer[] } => ({
  timeZone: tz,
  layers: [{ name: "Primary", rotation: "daily", handoffTime: "09:00", handoffDay: 1, startDate: "2026-03-27", members }],
});

describe("rotation arithmetic", () => {
  it("hands a daily rotation off at 09:00 local time, before and after the spring daylight-saving change", () => {
    const s = daily(["ana", "bo", "cy"]);
    // Berlin is UTC+1 until 29 March 2026 02:00, then UTC+2.
    expect(onCallAt(s, [], new Date("2026-03-27T08:00:00Z"))[0].userId).toBe("ana"); // 09:00 CET
    expect(onCallAt(s, [], new Date("2026-03-27T07:59:00Z"))).toEqual([]); // before the first hand-off
    expect(onCallAt(s, [], new Date("2026-03-28T08:00:00Z"))[0].userId).toBe("bo");
    // 29 March: 09:00 CEST is 07:00 UTC.
    expect(onCallAt(s, [], new Date("2026-03-29T06:59:00Z"))[0].userId).toBe("bo");
    const shift = onCallAt(s, [], new Date("2026-03-29T07:00:00Z"))[0];
    expect(shift.userId).toBe("cy");
    expect(shift.start.toISOString()).toBe("2026-03-29T07:00:00.000Z");
    // The shift across the change is 23 hours long.
    const bo = onCallAt(s, [], new Date("2026-03-28T20:00:00Z"))[0];
    expect((bo.end.getTime() - bo.start.getTime()) / 3_600_000).toBe(23);
    expect(onCallAt(s, [], new Date("2026-03-30T07:00:00Z"))[0].userId).toBe("ana");
  });

  it("makes the shift across the autumn change 25 hours long and keeps 09:00 local", () => {
    const s = { ...daily(["ana", "bo"]), layers: [{ ...daily(["ana", "bo"]).layers[0], startDate: "2026-10-24" }] };
    const shift = onCallAt(s, [], new Date("2026-10-25T01:30:00Z"))[0];
    expect(shift.start.toISOString()).toBe("2026-10-24T07:00:00.000Z"); // 09:00 CEST
    expect(shift.end.toISOString()).toBe("2026-10-25T08:00:00.000Z"); // 09:00 CET
    expect((shift.end.getTime() - shift.start.getTime()) / 3_600_000).toBe(25);
  });

  it("hands a weekly rotation off on its weekday in New York across the March change", () => {
    const layer: ScheduleLayer = { name: "Primary", rotation: "weekly", handoffTime: "10:00", handoffDay: 1, startDate: "2026-03-01", members: ["ana", "bo"] };
    const s = { timeZone: "America/New_York", layers: [layer] };
    // 1 March 2026 is a Sunday: the first hand-off is Monday 2 March 10:00 EST (15:00 UTC).
    expect(onCallAt(s, [], new Date("2026-03-02T14:59:00Z"))).toEqual([]);
    expect(onCallAt(s, [], new Date("2026-03-02T15:00:00Z"))[0].userId).toBe("ana");
    // DST starts 8 March; Monday 9 March 10:00 EDT is 14:00 UTC.
    expect(onCallAt(s, [], new Date("2026-03-09T13:59:00Z"))[0].userId).toBe("ana");
    expect(onCallAt(s, [], new Date("2026-03-09T14:00:00Z"))[0].userId).toBe("bo");
    expect(onCallAt(s, [], new Date("2026-03-16T14:00:00Z"))[0].userId).toBe("ana");
    expect(shiftIndexAt(layer, s.timeZone, new Date("2026-03-16T14:00:00Z"))).toBe(2);
  });

  it("computes the same person for the same instant in any zone's view: Tokyo and Los Angeles layers differ by their own clocks", () => {
    const tokyo = daily(["ana", "bo"], "Asia/Tokyo");
    const la = daily(["ana", "bo"], "America/Los_Angeles");
    // 09:00 on 27 March in Tokyo is 00:00 UTC; in Los Angeles (PDT) 16:00 UTC.
    expect(onCallAt(tokyo, [], new Date("2026-03-27T00:00:00Z"))[0].userId).toBe("ana");
    expect(onCallAt(la, [], new Date("2026-03-27T00:00:00Z"))).toEqual([]);
    expect(onCallAt(la, [], new Date("2026-03-27T16:00:00Z"))[0].userId).toBe("ana");
    expect(onCallAt(tokyo, [], new Date("2026-03-27T16:00:00Z"))[0].userId).toBe("ana");
    expect(onCallAt(tokyo, [], new Date("2026-03-28T00:00:00Z"))[0].userId).toBe("bo");
  });

  it("lets an override cover a date range on its layer, the newest override winning", () => {
    const s = { timeZone: "UTC", layers: [{ ...daily(["ana", "bo"]).layers[0], startDate: "2026-01-01" }, { ...daily(["cy"]).layers[0], startDate: "2026-01-01", name: "Secondary" }] };
    const overrides = [
      { layer: 0, userId: "dee", startsAt: new Date("2026-01-05T12:00:00Z"), endsAt: new Date("2026-01-07T12:00:00Z"), createdAt: new Date(1) },
      { layer: 0, userId: "eve", startsAt: new Date("2026-01-06T00:00:00Z"), endsAt: new Date("2026-01-06T06:00:00Z"), createdAt: new Date(2) },
    ];
    const at = (iso: string) => onCallAt(s, overrides, new Date(iso)).map((x) => `${x.layer}:${x.userId}:${x.source}`);
    expect(at("2026-01-05T11:00:00Z")).toEqual(["0:ana:rotation", "1:cy:rotation"]);
    expect(at("2026-01-05T12:00:00Z")).toEqual(["0:dee:override", "1:cy:rotation"]);
    expect(at("2026-01-06T03:00:00Z")).toEqual(["0:eve:override", "1:cy:rotation"]);
    expect(at("2026-01-07T12:00:00Z")).toEqual(["0:ana:rotation", "1:cy:rotation"]);
    // The calendar cuts the rotation around the override.
    const shifts = layerShifts(s.layers[0], 0, "UTC", overrides.slice(0, 1), new Date("2026-01-05T00:00:00Z"), new Date("2026-01-08T00:00:00Z"));
    expect(shifts.map((x) => `${x.userId} ${x.start.toISOString().slice(5, 16)}–${x.end.toISOString().slice(5, 16)}`)).toEqual([
      "bo 01-04T09:00–01-05T09:00",
      "ana 01-05T09:00–01-05T12:00",
      "dee 01-05T12:00–01-07T12:00",
      "ana 01-07T12:00–01-08T09:00",
    ]);
  });

  it("finds the next business-hours opening in the policy's time zone", () => {
    const hours = { timeZone: "Europe/London", days: [1, 2, 3, 4, 5], start: "09:00", end: "17:00" };
    // Saturday 4 July 2026 → Monday 6 July 09:00 BST (08:00 UTC).
    expect(nextBusinessOpening(hours, new Date("2026-07-04T12:00:00Z"))?.toISOString()).toBe("2026-07-06T08:00:00.000Z");
    // Inside hours: at once.
    expect(nextBusinessOpening(hours, new Date("2026-07-06T10:00:00Z"))?.toISOString()).toBe("2026-07-06T10:00:00.000Z");
    // After closing on Friday → Monday.
    expect(nextBusinessOpening(hours, new Date("2026-07-10T16:30:00Z"))?.toISOString()).toBe("2026-07-13T08:00:00.000Z");
    // In winter 09:00 GMT is 09:00 UTC.
    expect(nextBusinessOpening(hours, new Date("2026-12-07T07:00:00Z"))?.toISOString()).toBe("2026-12-07T09:00:00.000Z");
    expect(nextBusinessOpening({ ...hours, days: [] }, new Date())).toBeNull();
  });
});
