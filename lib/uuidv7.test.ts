import { describe, expect, it, vi } from "vitest";

const UUIDV7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The generator keeps state (last millisecond, counter): each test gets a fresh copy of the module. */
async function freshUuidv7() {
  vi.resetModules();
  return (await import("@/lib/uuidv7")).uuidv7;
}

const hex = (id: string) => id.replaceAll("-", "");
const timeOf = (id: string) => parseInt(hex(id).slice(0, 12), 16);
const isSorted = (ids: string[]) => ids.every((id, i) => i === 0 || ids[i - 1] < id);

describe("uuidv7", () => {
  it("makes a UUID with version 7 and the RFC variant", async () => {
    const uuidv7 = await freshUuidv7();
    for (let i = 0; i < 1_000; i++) expect(uuidv7()).toMatch(UUIDV7);
    for (let i = 0; i < 1_000; i++) expect(uuidv7(1_700_000_000_000 + i)).toMatch(UUIDV7);
  });

  it("stamps the current time when no time is given", async () => {
    const uuidv7 = await freshUuidv7();
    const before = Date.now();
    const id = uuidv7();
    const after = Date.now();
    expect(timeOf(id)).toBeGreaterThanOrEqual(before);
    expect(timeOf(id)).toBeLessThanOrEqual(after);
  });

  it("encodes the given millisecond in the first 48 bits", async () => {
    const uuidv7 = await freshUuidv7();
    // Increasing, since a time earlier than the last one is replaced by the last (see below).
    const times = [1, 0x0123456789ab, 1_700_000_000_000, 1_735_689_600_123, 2 ** 48 - 1];
    for (const now of times) {
      const id = uuidv7(now);
      expect(id).toMatch(UUIDV7);
      expect(timeOf(id)).toBe(now);
    }
  });

  it("lays the time out big-endian at the start of the string", async () => {
    const uuidv7 = await freshUuidv7();
    expect(uuidv7(0x0123456789ab).startsWith("01234567-89ab-7")).toBe(true);
    expect(uuidv7(2 ** 48 - 1).startsWith("ffffffff-ffff-7")).toBe(true);
  });

  it("sorts ids made at increasing times in the order they were made", async () => {
    const uuidv7 = await freshUuidv7();
    const start = 1_700_000_000_000;
    // Steps that cross byte boundaries of the timestamp (…ff → …00) too.
    const ids = Array.from({ length: 2_000 }, (_, i) => uuidv7(start + i * 131));
    expect(isSorted(ids)).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    ids.forEach((id, i) => expect(timeOf(id)).toBe(start + i * 131));
  });

  it("sorts 10,000 ids made in the same millisecond in the order they were made, all unique", async () => {
    const uuidv7 = await freshUuidv7();
    const now = 1_700_000_000_000;
    const ids = Array.from({ length: 10_000 }, () => uuidv7(now));

    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(UUIDV7);
    expect(isSorted(ids)).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    // The first ids carry the given time; past 4,096 in one millisecond the generator borrows the
    // next ones rather than break the order, and never jumps far ahead.
    expect(timeOf(ids[0])).toBe(now);
    expect(timeOf(ids[ids.length - 1])).toBeGreaterThanOrEqual(now);
    expect(timeOf(ids[ids.length - 1])).toBeLessThanOrEqual(now + 3);
  });

  it("keeps ids in order when the clock goes backwards", async () => {
    const uuidv7 = await freshUuidv7();
    const later = uuidv7(1_700_000_005_000);
    const earlier = uuidv7(1_700_000_000_000);
    expect(earlier > later).toBe(true);
    expect(timeOf(earlier)).toBe(1_700_000_005_000);
  });

  it("keeps ids in order across a mix of repeated, increasing and backward times", async () => {
    const uuidv7 = await freshUuidv7();
    let seed = 7;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    let now = 1_700_000_000_000;
    const ids: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const r = next();
      if (r < 0.1) now += 1 + Math.floor(next() * 5);
      else if (r < 0.12) now -= Math.floor(next() * 10);
      ids.push(uuidv7(now));
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(isSorted(ids)).toBe(true);
  });

  it("puts random bits after the counter, so ids of different processes' same millisecond differ", async () => {
    // Two fresh generators stand for two processes making an id at the same millisecond.
    const a = (await freshUuidv7())(1_700_000_000_000);
    const b = (await freshUuidv7())(1_700_000_000_000);
    expect(a).not.toBe(b);
    expect(hex(a).slice(0, 12)).toBe(hex(b).slice(0, 12));
    expect(hex(a).slice(16)).not.toBe(hex(b).slice(16));
  });

  it("makes unique ids across many calls with the real clock", async () => {
    const uuidv7 = await freshUuidv7();
    const ids = Array.from({ length: 50_000 }, () => uuidv7());
    expect(new Set(ids).size).toBe(ids.length);
    expect(isSorted(ids)).toBe(true);
  });
});
