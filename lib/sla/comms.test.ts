import { describe, expect, it } from "vitest";
import { defaultCommsTemplates, fillTemplate, severityPolicy } from "./shared";

const incident = {
  number: 7,
  title: "Inference requests failing",
  severity: "P1" as const,
  service: "inference-api",
  description: "Inference requests failing\nmore detail",
  status: "investigating",
  createdAt: new Date("2026-12-07T10:00:00Z"),
  resolvedAt: null,
};

describe("communication templates", () => {
  it("fills the internal alert from the incident: severity, component, impact, status, lead, war room", () => {
    const t = fillTemplate("internal_alert", defaultCommsTemplates.internal_alert, incident, { lead: "Alice", link: "https://fd.example/incidents/x" });
    expect(t.text).toContain("Severity: P1");
    expect(t.text).toContain("Component: inference-api");
    expect(t.text).toContain("Impact: Inference requests failing");
    expect(t.text).not.toContain("more detail");
    expect(t.text).toContain("Status: Investigating");
    expect(t.text).toContain("Lead: Alice");
    expect(t.text).toContain("War room: #incident-2026-12-07-007");
    expect(t.text).toContain("https://fd.example/incidents/x");
  });

  it("states the duration once resolved, and leaves unknown placeholders as written", () => {
    const t = fillTemplate("resolution_notice", "{{key}} took {{duration}} ({{nope}})", { ...incident, resolvedAt: new Date("2026-12-07T11:25:00Z") }, { lead: "A", link: "l" });
    expect(t.text).toBe("INC-7 took 1 h 25 min ({{nope}})");
  });

  it("names what the status page owes per level", () => {
    expect(severityPolicy.P0.externalUpdate).toMatch(/immediately/);
    expect(severityPolicy.P2.externalUpdate).toMatch(/2 hours/);
    expect(severityPolicy.P3.externalUpdate).toMatch(/No external/);
  });
});
