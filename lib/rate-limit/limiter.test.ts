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

  it("throws a 429 AppError from consume()", () => {
    const l = new RateLimiter(1, 1000, () => 5000);
    l.consume("k");
    expect(() => l.consume("k")).toThrowError(/Too many/);
  });
});
