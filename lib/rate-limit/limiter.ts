import { AppError } from "@/lib/errors";
import { processState } from "@/lib/process-state";

/**
 * A sliding-window rate limiter (two fixed windows, weighted), in memory per instance. Cheap enough
 * for the ingest hot path; each instance enforces the limit on the traffic it serves.
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
    const elapsed = (now - windowStart) / this.windowMs;
    const estimate = c.previous * (1 - elapsed) + c.current;
    if (estimate + cost > this.limit) {
      const retryAfterMs = Math.max(1000, windowStart + this.windowMs - now);
      return { allowed: false, remaining: Math.max(0, Math.floor(this.limit - estimate)), retryAfterSeconds: Math.ceil(retryAfterMs / 1000) };
    }
    c.current += cost;
    return { allowed: true, remaining: Math.max(0, Math.floor(this.limit - estimate - cost)), retryAfterSeconds: 0 };
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
