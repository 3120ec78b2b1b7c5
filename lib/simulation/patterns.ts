import type { MetricPattern, PatternType } from "./schemas";

/** Share of the ramp a spike takes to peak, and when it starts to subside. */
export const SPIKE_RISE = 0.1;
export const SPIKE_HOLD_UNTIL = 0.6;
/** Where a spike settles, as a share of its excursion, by the end of the ramp. */
export const SPIKE_SETTLE = 0.6;

/**
 * The noiseless level of a metric `elapsedMs` after its fault started, moving from `baseline`
 * toward `value`:
 * - constant: the value from the start, held flat (no noise either);
 * - step: the value from the start (with noise);
 * - linear: a straight ramp reaching the value at the end of the ramp;
 * - spike: a sharp rise (first 10 % of the ramp), a hold, then a partial fall to 60 % of the excursion;
 * - oscillating: swings between baseline and value, one cycle per period.
 */
export function patternLevel(
  pattern: PatternType,
  m: Pick<MetricPattern, "value" | "baseline">,
  elapsedMs: number,
  rampMs: number,
  periodMs: number,
): number {
  const delta = m.value - m.baseline;
  if (elapsedMs < 0) return m.baseline;
  const p = rampMs > 0 ? elapsedMs / rampMs : 1;
  switch (pattern) {
    case "constant":
    case "step":
      return m.value;
    case "linear":
      return m.baseline + delta * Math.min(1, p);
    case "spike": {
      if (p < SPIKE_RISE) {
        const r = p / SPIKE_RISE;
        return m.baseline + delta * r * r;
      }
      if (p < SPIKE_HOLD_UNTIL) return m.value;
      const fall = Math.min(1, (p - SPIKE_HOLD_UNTIL) / (1 - SPIKE_HOLD_UNTIL));
      return m.baseline + delta * (1 - (1 - SPIKE_SETTLE) * (1 - Math.exp(-4 * fall)) / (1 - Math.exp(-4)));
    }
    case "oscillating": {
      const period = periodMs > 0 ? periodMs : Math.max(1, rampMs / 4);
      return m.baseline + delta * (0.5 - 0.5 * Math.cos((2 * Math.PI * elapsedMs) / period));
    }
  }
}

/** Standard deviation implied by value, baseline and sigma (|value − baseline| / |sigma|). */
export function impliedStd(m: Pick<MetricPattern, "value" | "baseline" | "sigma">): number {
  if (m.sigma === 0) return 0;
  return Math.abs(m.value - m.baseline) / Math.abs(m.sigma);
}
