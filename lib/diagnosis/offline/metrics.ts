import type { SignalMetric } from "../signals";

/**
 * How far a metric is from its baseline, in (estimated) standard deviations. The sender's sigma wins;
 * otherwise the spread is taken as 20 % of the baseline (3 points for percentages, 1 for counts
 * from zero), which reproduces the figures of AIRRA's scenarios (lib/simulation/scenarios/airra.ts) closely (CPU 98.5 vs 45 → 5.9σ; requests 1500 vs 800 → 4.4σ).
 */
export function metricSigma(m: SignalMetric): number {
  if (typeof m.sigma === "number" && Number.isFinite(m.sigma)) return clamp(m.sigma, -10, 10);
  const percent = isPercent(m);
  if (m.baseline === null) {
    // No baseline: only saturation of a bounded resource says anything.
    if (percent && /cpu|mem|disk|util|usage|heap|fs|volume|pool/i.test(m.name)) {
      if (m.value >= 95) return 5;
      if (m.value >= 90) return 4;
      if (m.value >= 80) return 3;
    }
    return 0;
  }
  const floor = percent ? 3 : Math.abs(m.baseline) < 1e-9 ? 1 : 1e-9;
  const scale = Math.max(Math.abs(m.baseline) * 0.2, floor);
  return clamp((m.value - m.baseline) / scale, -10, 10);
}

export function isPercent(m: SignalMetric): boolean {
  return m.unit === "%" || /percent|_pct$|ratio_percent|utili[sz]ation/i.test(m.name);
}

export function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

/** AIRRA's anomaly rule: |σ| ≥ 3. */
export function isAnomalous(sigma: number): boolean {
  return Math.abs(sigma) >= 3;
}

function fmt(n: number): string {
  if (Math.abs(n) >= 1e9) return `${round(n / 1e9)}G`;
  if (Math.abs(n) >= 1e6) return `${round(n / 1e6)}M`;
  if (Math.abs(n) >= 1e4) return `${round(n / 1e3)}k`;
  return String(round(n));
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** "memory_usage_percent 95% vs baseline 25% (+5.0σ)". */
export function describeMetric(m: SignalMetric, sigma: number): string {
  const unit = m.unit && m.unit !== "count" ? (m.unit === "%" ? "%" : ` ${m.unit}`) : "";
  const base = m.baseline === null ? "no baseline" : `baseline ${fmt(m.baseline)}${unit}`;
  const sign = sigma >= 0 ? "+" : "−";
  return `${m.name} ${fmt(m.value)}${unit} vs ${base} (${sign}${Math.abs(round(sigma)).toFixed(1)}σ)`;
}

/** The metric's name in a normal form for matching: lower case, words joined by underscores. */
export function normaliseMetricName(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "");
}
