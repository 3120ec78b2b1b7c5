import { describe, expect, it } from "vitest";
import { computeSla, DEFAULT_SLA_POLICY, describeClock, formatMinutes, resolveSlaPolicy } from "./sla";

const t0 = new Date("2026-11-23T10:00:00Z");
const at = (min: number) => new Date(t0.getTime() + min * 60_000);

describe("SLA policy", () => {
  it("uses the runbook targets by default: P0 15 min / 2 h up to P3 24 h / 1 week", () => {
    expect(DEFAULT_SLA_POLICY.P0).toEqual({ responseMinutes: 15, resolutionMinutes: 120 });
    expect(DEFAULT_SLA_POLICY.P1).toEqual({ responseMinutes: 60, resolutionMinutes: 480 });
    expect(DEFAULT_SLA_POLICY.P2).toEqual({ responseMinutes: 240, resolutionMinutes: 1440 });
    expect(DEFAULT_SLA_POLICY.P3).toEqual({ responseMinutes: 1440, resolutionMinutes: 10080 });
    expect(resolveSlaPolicy({})).toEqual(DEFAULT_SLA_POLICY);
  });

  it("lets a workspace override single targets and keeps the rest", () => {
    const policy = resolveSlaPolicy({ sla: { P0: { responseMinutes: 5 } } as never });
    expect(policy.P0).toEqual({ responseMinutes: 5, resolutionMinutes: 120 });
    expect(policy.P1).toEqual(DEFAULT_SLA_POLICY.P1);
  });

  it("falls back to the defaults when the stored setting is malformed", () => {
    expect(resolveSlaPolicy({ sla: { P0: { responseMinutes: -3 } } as never })).toEqual(DEFAULT_SLA_POLICY);
    expect(resolveSlaPolicy(null)).toEqual(DEFAULT_SLA_POLICY);
  });
});

describe("computeSla", () => {
  const p0 = { severity: "P0" as const, createdAt: t0, acknowledgedAt: null, resolvedAt: null };

  it("counts down while nobody has responded", () => {
    const sla = computeSla(p0, DEFAULT_SLA_POLICY, at(10));
    expect(sla.response.state).toBe("running");
    expect(sla.response.remainingMs).toBe(5 * 60_000);
    expect(sla.response.dueAt).toEqual(at(15));
    expect(describeClock(sla.response)).toBe("5 min left");
    expect(sla.resolution.state).toBe("running");
    expect(describeClock(sla.resolution)).toBe("1 h 50 min left");
  });

  it("reports a breach once the target passes without a response", () => {
    const sla = computeSla(p0, DEFAULT_SLA_POLICY, at(80));
    expect(sla.response.state).toBe("breached");
    expect(describeClock(sla.response)).toBe("breached 1 h 5 min ago");
  });

  it("stops the response clock when the incident is acknowledged", () => {
    const sla = computeSla({ ...p0, acknowledgedAt: at(12) }, DEFAULT_SLA_POLICY, at(500));
    expect(sla.response.state).toBe("met");
    expect(describeClock(sla.response)).toBe("met with 3 min to spare");
    expect(sla.resolution.state).toBe("breached");
  });

  it("records a late acknowledgement as missed, not met", () => {
    const sla = computeSla({ ...p0, acknowledgedAt: at(20), resolvedAt: at(100) }, DEFAULT_SLA_POLICY, at(5000));
    expect(sla.response.state).toBe("breached");
    expect(describeClock(sla.response)).toBe("missed by 5 min");
    expect(sla.resolution.state).toBe("met");
  });

  it("follows the severity and the workspace policy", () => {
    const policy = resolveSlaPolicy({ sla: { P3: { resolutionMinutes: 60 } } as never });
    const sla = computeSla({ ...p0, severity: "P3" }, policy, at(30));
    expect(sla.response.targetMinutes).toBe(1440);
    expect(sla.resolution.targetMinutes).toBe(60);
  });
});

describe("formatMinutes", () => {
  it("reads like a person would say it", () => {
    expect(formatMinutes(15)).toBe("15 min");
    expect(formatMinutes(120)).toBe("2 h");
    expect(formatMinutes(90)).toBe("1 h 30 min");
    expect(formatMinutes(1440)).toBe("24 h");
    expect(formatMinutes(10080)).toBe("1 week");
    expect(formatMinutes(4680)).toBe("3 d 6 h");
  });
});
