import { describe, expect, it } from "vitest";
import { RateLimiter } from "./limiter";

describe("RateLimiter", () => {
  it("allows up to the limit in a window, then refuses with a Retry-After", () => {
    let now = 60_000 * 10;
    const l = new RateLimiter(3, 60_000, () => now);
    expect([1, 2, 3].map(() => l.take("k").allowed)).toEqual([true, true, true]);
    const refused = l.take("k");
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    expect(l.take("other").allowed).toBe(true);
    now += 60_000 * 2;
    expect(l.take("k").allowed).toBe(true);
  });

  it("weights the previous window so a burst at the boundary cannot double the rate", () => {
    let now = 60_000 * 10 + 59_000;
    const l = new RateLimiter(10, 60_000, () => now);
    for (let i = 0; i < 10; i++) l.take("k");
    now += 2_000; // next window, 1 s in: the previous window still counts ~98 %
    expect(l.take("k").allowed).toBe(false);
  });

  it("answers a Retry-After that a client can honour exactly: allowed then, refused a second earlier", () => {
    // Many situations: bursts at several points of a window, costs of 1 to the whole limit.
    for (const [offset, burst, cost] of [
      [5_000, 10, 1],
      [30_000, 10, 1],
      [59_500, 10, 4],
      [1_000, 6, 5],
      [45_000, 4, 10],
    ] as const) {
      let now = 60_000 * 10 + offset;
      const l = new RateLimiter(10, 60_000, () => now);
      l.take("k", burst);
      now += 20_000; // into the window, or the next one, with some of the previous still weighing
      l.take("k", Math.max(0, 10 - burst));
      const refused = l.take("k", cost);
      expect(refused.allowed, `${offset}/${burst}/${cost}`).toBe(false);
      const waitMs = refused.retryAfterSeconds * 1000;
      const probe = new RateLimiter(10, 60_000, () => now);
      // The same state, checked without counting: a second short of Retry-After is still refused…
      now += waitMs - 1000;
      expect(l.peek("k", cost).allowed, `${offset}/${burst}/${cost} early`).toBe(false);
      // …and at Retry-After the request goes through.
      now += 1000;
      expect(l.take("k", cost).allowed, `${offset}/${burst}/${cost} on time`).toBe(true);
      expect(probe.take("other").allowed).toBe(true);
    }
  });

  it("counts nothing when peeking", () => {
    const l = new RateLimiter(2, 60_000, () => 1_000);
    expect(l.peek("k").allowed).toBe(true);
    expect(l.peek("k").allowed).toBe(true);
    expect([l.take("k").allowed, l.take("k").allowed, l.take("k").allowed]).toEqual([true, true, false]);
  });

  it("throws a 429 AppError from consume()", () => {
    const l = new RateLimiter(1, 1000, () => 5000);
    l.consume("k");
    expect(() => l.consume("k")).toThrowError(/Too many/);
  });
});
