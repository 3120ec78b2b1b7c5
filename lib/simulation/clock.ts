/** Where "now" comes from: the wall clock in the app, a hand-driven one in tests and drills. */
export type Clock = { now: () => Date };

export const realClock: Clock = { now: () => new Date() };

/** A clock that moves only when told to (tests run a 5-minute scenario in milliseconds). */
export function manualClock(start: Date | number = Date.UTC(2026, 0, 1, 12, 0, 0)): Clock & { advance: (ms: number) => Date; set: (d: Date) => void } {
  let t = typeof start === "number" ? start : start.getTime();
  return {
    now: () => new Date(t),
    advance: (ms: number) => new Date((t += ms)),
    set: (d: Date) => {
      t = d.getTime();
    },
  };
}
