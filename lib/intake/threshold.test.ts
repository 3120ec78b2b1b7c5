import { describe, expect, it } from "vitest";
import { evaluateWindow } from "./threshold";

const W = 300_000;
const rule = { minCount: 5, windowMs: W };
const entries = (...seconds: number[]) => seconds.map((s, i) => ({ id: `e${s}-${i}`, ts: s * 1000 }));

describe("evaluateWindow", () => {
  it("fires when five events fall within the window, inclusive of its end", () => {
    expect(evaluateWindow([], entries(0, 75, 150, 225, 300), rule).fired).toBe(true);
    expect(evaluateWindow([], entries(0, 75, 150, 225, 301), rule).fired).toBe(false);
  });

  it("keeps what may still complete a window and forgets what cannot", () => {
    const first = evaluateWindow([], entries(0, 10, 20, 30), rule);
    expect(first).toMatchObject({ fired: false, maxTs: 30_000 });
    // A much later event pushes the old ones out of the two-window horizon…
    const later = evaluateWindow(first.pending, entries(700), rule);
    expect(later.pending.map((p) => p.ts)).toEqual([700_000]);
    // …while a late arrival within it still completes the window with them.
    const late = evaluateWindow(evaluateWindow(first.pending, entries(400), rule).pending, entries(40), rule);
    expect(late.fired).toBe(true);
  });

  it("stays small however many events never cross the threshold", () => {
    let pending = evaluateWindow([], [], rule).pending;
    for (let s = 0; s < 100_000; s += 80) pending = evaluateWindow(pending, entries(s), rule).pending;
    expect(pending.length).toBeLessThanOrEqual(2 * rule.minCount + 2);
  });
});
