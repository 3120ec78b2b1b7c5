import { AppError } from "@/lib/errors";
import { processState } from "@/lib/process-state";

/**
 * A sliding-window rate limiter (two fixed windows, weighted), in memory per instance. Cheap enough
 * for the ingest hot path; each instance enforces the limit on the traffic it serves.
 *
 * Retry-After is the exact moment the refused request would fit if the caller sent nothing else
 * meanwhile (rounded up to a whole second): the weight of the previous window fades linearly, so
 * that moment is usually inside the current window, or else part-way into the next one, not at a
 * window boundary. A client that honours it is not refused again.
 */
export type RateLimitDecision = { allowed: boolean; remaining: number; retryAfterSeconds: number };

type Counter = { windowStart: number; current: number; previous: number };

export class RateLimiter {
  private counters = new Map<string, Counter>();
  private lastSweep = 0;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts `cost` against `key` if it fits under the limit. */
  take(key: string, cost = 1): RateLimitDecision {
    return this.decide(key, cost, true);
  }

  /** What take() would answer, without counting anything. */
  peek(key: string, cost = 1): RateLimitDecision {
    return this.decide(key, cost, false);
  }

  private decide(key: string, cost: number, count: boolean): RateLimitDecision {
    const now = this.now();
    this.sweep(now);
    const windowStart = now - (now % this.windowMs);
    let c = this.counters.get(key);
    if (!c) {
      c = { windowStart, current: 0, previous: 0 };
      this.counters.set(key, c);
    } else if (c.windowStart !== windowStart) {
      c.previous = windowStart - c.windowStart === this.windowMs ? c.current : 0;
      c.current = 0;
      c.windowStart = windowStart;
    }
    const estimate = this.estimate(c, now);
    if (estimate + cost > this.limit) {
      const retryAfterMs = this.fitsAt(c, cost) - now;
      return { allowed: false, remaining: Math.max(0, Math.floor(this.limit - estimate)), retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) };
    }
    if (count) c.current += cost;
    return { allowed: true, remaining: Math.max(0, Math.floor(this.limit - estimate - cost)), retryAfterSeconds: 0 };
  }

  /** The weighted count of `c` at `at`, as take() computes it (`at` in c's window or the next one). */
  private estimate(c: Counter, at: number): number {
    if (at >= c.windowStart + 2 * this.windowMs) return 0;
    if (at >= c.windowStart + this.windowMs) return c.current * (1 - (at - c.windowStart - this.windowMs) / this.windowMs);
    return c.previous * (1 - (at - c.windowStart) / this.windowMs) + c.current;
  }

  /**
   * The first millisecond at which `cost` more fits, if nothing else is counted meanwhile: inside
   * the current window once enough of the previous one has faded, or else part-way into the next
   * (where this window's count fades in turn). A cost above the limit never fits: the answer is
   * when the counts are empty.
   */
  private fitsAt(c: Counter, cost: number): number {
    const w = this.windowMs;
    const room = this.limit - cost;
    let at: number;
    if (room < 0) at = c.windowStart + 2 * w;
    else if (c.current <= room && c.previous > 0) at = c.windowStart + w * (1 - (room - c.current) / c.previous);
    else if (c.current <= room) at = c.windowStart;
    else at = c.windowStart + w + w * (1 - room / c.current);
    at = Math.ceil(at);
    // Floating-point rounding may leave the estimate a hair over: step to the first millisecond that passes.
    for (let i = 0; i < 1000 && room >= 0 && this.estimate(c, at) + cost > this.limit; i++) at++;
    return at;
  }

  /** Like take(), but throws a 429 AppError (with Retry-After) when over the limit. */
  consume(key: string, cost = 1, message = "Too many requests. Slow down and retry later."): RateLimitDecision {
    const d = this.take(key, cost);
    if (!d.allowed) throw new AppError("rate_limited", message, { retryAfterSeconds: d.retryAfterSeconds });
    return d;
  }

  reset(): void {
    this.counters.clear();
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < this.windowMs) return;
    this.lastSweep = now;
    for (const [key, c] of this.counters) if (now - c.windowStart > 2 * this.windowMs) this.counters.delete(key);
  }
}


/** A named limiter shared across the process (and across hot reloads in development). */
export function sharedLimiter(name: string, limit: number, windowMs: number): RateLimiter {
  const map = processState("rate-limiters", () => new Map<string, RateLimiter>());
  let limiter = map.get(name);
  if (!limiter || limiter.limit !== limit || limiter.windowMs !== windowMs) {
    limiter = new RateLimiter(limit, windowMs);
    map.set(name, limiter);
  }
  return limiter;
}
