import type { DrillCriterion, DrillScore, Incident, SlaPolicy } from "@/db/schema";
import { computeSla, formatMinutes } from "@/lib/incidents/shared";

export type ScoringInput = {
  expectedActions: string[];
  /** Causes that count as the scenario's expected root cause (its name and the diagnosis' names for it). */
  acceptedCauses: string[];
  rootService: string;
  incident: Pick<Incident, "severity" | "createdAt" | "acknowledgedAt" | "resolvedAt"> | null;
  acceptedCause: string | null;
  acceptedAt: Date | null;
  /** Actions taken on the drill's world (the agent's interventions), in order. */
  actions: { action: string; service?: string | null }[];
  /** Whether the root service was healthy when the drill ended (before the end healed the world). */
  healthy: boolean;
  policy: SlaPolicy;
  endedAt: Date;
};

const seconds = (a: Date, b: Date) => Math.max(0, Math.round((b.getTime() - a.getTime()) / 1000));
const span = (s: number) => (s < 90 ? `${s} s` : formatMinutes(s / 60));

/**
 * The score of a drill, out of 100: acknowledgement (20: within the severity's response target, 10
 * if later), the correct diagnosis accepted (30), an expected remediation taken (25), health
 * restored (15), SLA met on both clocks (10). Only criteria whose data exists are scored.
 */
export function scoreDrill(input: ScoringInput): DrillScore {
  const { incident } = input;
  const criteria: DrillCriterion[] = [];

  let timeToAcknowledgeSeconds: number | null = null;
  if (!incident) {
    criteria.push({ key: "acknowledge", label: "Acknowledged", points: 0, max: 20, detail: "The drill ended before its incident opened.", value: null });
  } else if (!incident.acknowledgedAt) {
    criteria.push({ key: "acknowledge", label: "Acknowledged", points: 0, max: 20, detail: "Nobody acknowledged the incident.", value: null });
  } else {
    timeToAcknowledgeSeconds = seconds(incident.createdAt, incident.acknowledgedAt);
    const target = input.policy[incident.severity].responseMinutes * 60;
    const inTime = timeToAcknowledgeSeconds <= target;
    criteria.push({
      key: "acknowledge",
      label: "Acknowledged",
      points: inTime ? 20 : 10,
      max: 20,
      detail: `Acknowledged after ${span(timeToAcknowledgeSeconds)} (${incident.severity} target ${formatMinutes(target / 60)}).`,
      value: timeToAcknowledgeSeconds,
    });
  }

  const diagnosisCorrect = !!input.acceptedCause && input.acceptedCauses.includes(input.acceptedCause);
  const timeToDiagnosisSeconds = diagnosisCorrect && input.acceptedAt && incident ? seconds(incident.createdAt, input.acceptedAt) : null;
  criteria.push({
    key: "diagnosis",
    label: "Correct diagnosis",
    points: diagnosisCorrect ? 30 : 0,
    max: 30,
    detail: !input.acceptedCause
      ? "No diagnosis was accepted."
      : diagnosisCorrect
        ? `Accepted “${input.acceptedCause}”${timeToDiagnosisSeconds !== null ? ` after ${span(timeToDiagnosisSeconds)}` : ""}: the scenario's root cause.`
        : `Accepted “${input.acceptedCause}”; the root cause was ${input.acceptedCauses[0]}.`,
    value: timeToDiagnosisSeconds,
  });

  const actions = input.actions.filter((a) => a.action !== "stop").map((a) => a.action);
  const remediationExpected = actions.some((a) => input.expectedActions.includes(a));
  criteria.push({
    key: "remediation",
    label: "Expected remediation",
    points: remediationExpected ? 25 : 0,
    max: 25,
    detail: actions.length === 0 ? "No remediation was taken." : `Took ${[...new Set(actions)].join(", ")}; expected one of ${input.expectedActions.join(", ")}.`,
    value: remediationExpected,
  });

  const healthRestored = !!incident && input.healthy;
  criteria.push({
    key: "health",
    label: "Health restored",
    points: healthRestored ? 15 : 0,
    max: 15,
    detail: healthRestored ? `${input.rootService} was healthy when the drill ended.` : `${input.rootService} was still unhealthy when the drill ended.`,
    value: healthRestored,
  });

  let slaMet = false;
  if (incident) {
    const sla = computeSla(incident, input.policy, input.endedAt);
    slaMet = sla.response.state === "met" && sla.resolution.state === "met";
    criteria.push({
      key: "sla",
      label: "SLA met",
      points: slaMet ? 10 : 0,
      max: 10,
      detail: slaMet ? "Acknowledged and resolved within the targets." : !incident.resolvedAt ? "The incident was not resolved." : "A target was missed.",
      value: slaMet,
    });
  }

  return {
    total: criteria.reduce((s, c) => s + c.points, 0),
    max: criteria.reduce((s, c) => s + c.max, 0),
    criteria,
    timeToAcknowledgeSeconds,
    timeToDiagnosisSeconds,
    diagnosisCorrect,
    remediationExpected,
    healthRestored,
    slaMet,
    actions,
  };
}

/** The offline debrief: what went well and what to practise, from the score. */
export function debriefText(score: DrillScore, scenarioName: string): string {
  const well = score.criteria.filter((c) => c.points === c.max).map((c) => `- ${c.label}: ${c.detail}`);
  const practise = score.criteria.filter((c) => c.points < c.max).map((c) => `- ${c.label}: ${c.detail}`);
  return [
    `${scenarioName}: ${score.total} of ${score.max} points.`,
    "",
    "What went well:",
    ...(well.length ? well : ["- Nothing scored in full this time."]),
    "",
    "What to practise:",
    ...(practise.length ? practise : ["- Nothing: every criterion scored in full. Try a harder scenario or a higher speed."]),
  ].join("\n");
}
