import { describe, expect, it } from "vitest";
import { z } from "zod";
import { alertTimeSchema, badCharacter, eventTimeSchema, findBadString, isoTimeSchema, parseIsoTime, safeText, storable } from "./strings-and-times";

const issuesOf = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")} ${i.message}`.trim());
};

describe("strings", () => {
  it("refuses NUL and unpaired surrogates, and accepts every other character, emoji included", () => {
    expect(badCharacter("a\u0000b")).toMatch(/NUL/);
    expect(badCharacter("\udc00")).toMatch(/surrogate/);
    expect(badCharacter("x\ud800")).toMatch(/surrogate/);
    expect(badCharacter("🔥 ok\u202e\t\n\u0001")).toBeNull();
  });

  it("names the field and trims, with the length limit in characters (code points)", () => {
    const schema = z.object({ service: safeText(5, { min: 1 }) });
    expect(schema.parse({ service: "  api " })).toEqual({ service: "api" });
    expect(issuesOf(schema, { service: "a\u0000" })).toEqual(["service must not contain the NUL character (U+0000)"]);
    expect(issuesOf(schema, { service: "   " })).toEqual(["service is required"]);
    expect(issuesOf(schema, { service: "toolong" })).toEqual(["service must be at most 5 characters"]);
  });

  it("finds the first unstorable string of a JSON value, keys included, with its path", () => {
    expect(findBadString({ a: [1, { b: "ok" }, { c: "x\u0000" }] })).toEqual({ path: ["a", 2, "c"], message: expect.stringMatching(/NUL/) });
    expect(findBadString({ ["k\udc00"]: 1 })?.message).toMatch(/key that .*surrogate/);
    expect(findBadString({ a: { b: ["fine", 1, null, true] } })).toBeNull();
    let deep: unknown = "x";
    for (let i = 0; i < 100; i++) deep = [deep];
    expect(findBadString(deep)?.message).toMatch(/deeper/);
  });

  it("makes diagnostics storable by replacing what cannot be stored", () => {
    expect(storable("a\u0000b\udc00")).toBe("a\uFFFDb\uFFFD");
  });
});

describe("times", () => {
  const day = 86_400_000;

  it("reads real calendar dates only", () => {
    expect(parseIsoTime("2026-02-30T00:00:00Z")).toMatch(/no such day/);
    expect(parseIsoTime("2028-02-29T00:00:00Z")).toBe(Date.UTC(2028, 1, 29));
    expect(parseIsoTime("2026-13-01T00:00:00Z")).toMatch(/no such month/);
    expect(parseIsoTime("2026-11-20T24:00:00Z")).toMatch(/time of day/);
    expect(parseIsoTime("not a time")).toMatch(/ISO 8601/);
  });

  it("reads offsets (with or without a colon), nanoseconds, and no offset as UTC", () => {
    expect(parseIsoTime("2026-11-20T10:00:00.123456789Z")).toBe(Date.UTC(2026, 10, 20, 10, 0, 0, 123));
    expect(parseIsoTime("2026-11-20T12:00:00+02:00")).toBe(Date.UTC(2026, 10, 20, 10));
    expect(parseIsoTime("2026-11-20T10:00:00.000+0000")).toBe(Date.UTC(2026, 10, 20, 10));
    expect(parseIsoTime("2026-11-20T10:00:00")).toBe(Date.UTC(2026, 10, 20, 10));
    expect(parseIsoTime("2026-11-20")).toBe(Date.UTC(2026, 10, 20));
  });

  it("keeps event times between 2000-01-01 and a day ahead, ISO or epoch seconds/milliseconds", () => {
    const schema = eventTimeSchema();
    const now = Date.now();
    expect(schema.parse(Math.floor(now / 1000)).getTime()).toBe(Math.floor(now / 1000) * 1000);
    expect(schema.parse(now).getTime()).toBe(now);
    for (const bad of [-1e12, -1, 0, "1969-12-31T23:59:59Z", "-004713-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "1999-12-31T23:59:59Z"]) {
      expect(issuesOf(schema, bad), String(bad)).toHaveLength(1);
    }
    expect(issuesOf(schema, new Date(now + 2 * day).toISOString())).toEqual(["is more than a day in the future"]);
    expect(issuesOf(schema, "2026-02-30T10:00:00Z")[0]).toMatch(/no such day/);
    expect(issuesOf(schema, 1e20)).toHaveLength(1);
  });

  it("reads Go's zero time and an empty alert time as not set; a predicted end may lie ahead", () => {
    const start = alertTimeSchema();
    const end = alertTimeSchema({ maxFutureMs: Number.POSITIVE_INFINITY });
    expect(start.parse("0001-01-01T00:00:00Z")).toBeNull();
    expect(start.parse(undefined)).toBeNull();
    expect(issuesOf(start, "0000-01-01T00:00:00Z")).toHaveLength(1);
    expect(end.parse(new Date(Date.now() + 30 * day).toISOString())).toBeInstanceOf(Date);
    expect(issuesOf(end, "+275760-09-13T00:00:00Z")).toHaveLength(1);
  });

  it("takes strings only where a format has no epoch numbers", () => {
    expect(issuesOf(isoTimeSchema(), 1_700_000_000)).toHaveLength(1);
    expect(isoTimeSchema().parse("2026-11-20T10:00:00Z").toISOString()).toBe("2026-11-20T10:00:00.000Z");
  });
});
