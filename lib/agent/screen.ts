import type { ServiceSpec, Topology } from "@/lib/topology";
import { appliesTo, catalog, findAction, type CatalogAction, type ParamValue } from "./catalog";
import type { LooseStep } from "./planner/answer";

export type Params = Record<string, ParamValue>;

/** A step that passed the catalog, the topology and the workspace's policy: it may be planned. */
export type StepDraft = {
  action: CatalogAction;
  spec: ServiceSpec;
  parameters: Params;
  rationale: string;
  evidence: string[];
  expectedEffect: string;
};

export type ScreenContext = { topology: Topology; incidentService: string | null; blocked: readonly string[] };

export const MAX_STEPS = 5;

/** A stand-in spec for a service the topology does not know (a real incident's service). */
export function unknownSpec(name: string): ServiceSpec {
  return { name, team: "", tier: 2, kind: "service", depends_on: [], slo_p95_ms: 500, replicas: 2, cascade_delay_seconds: 20, latency_factor: 1, error_factor: 0.8 };
}

export function specOf(topology: Topology, name: string, incidentService: string | null): ServiceSpec | undefined {
  return topology.services.find((s) => s.name === name) ?? (name === incidentService ? unknownSpec(name) : undefined);
}

/** Untrusted text (a model's answer) quoted for the record: one line, at most 80 characters. */
export function quote(text: string): string {
  const one = text.replace(/\s+/g, " ").trim();
  return JSON.stringify(one.length > 80 ? `${one.slice(0, 79)}…` : one);
}

type Refusal = { field: "action" | "target" | "parameters"; message: string };

/** Checks one proposed step; returns the draft, or why it cannot be planned (and which field is at fault). */
export function screenStep(step: { action: string; target: string; parameters: Params }, ctx: ScreenContext): StepDraft | Refusal {
  const action = findAction(step.action);
  if (!action) return { field: "action", message: "is not an action of the catalog" };
  if (ctx.blocked.includes(action.id)) return { field: "action", message: `${action.id} is blocked by this workspace's agent policy` };
  const target = step.target || ctx.incidentService || "";
  const spec = specOf(ctx.topology, target, ctx.incidentService);
  if (!spec) return { field: "target", message: `${quote(target)} is not a service of this workspace's topology` };
  if (!appliesTo(action, spec.kind)) return { field: "target", message: `${action.id} cannot target ${spec.name} (a ${spec.kind}); it applies to ${action.targets.join(", ")}` };
  const parsed = action.params.safeParse(step.parameters);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { field: "parameters", message: `${issue.path.join(".") || "parameters"} ${issue.message}` };
  }
  const parameters = Object.fromEntries(Object.entries(parsed.data as Params).filter(([, v]) => v !== undefined));
  return { action, spec, parameters, rationale: "", evidence: [], expectedEffect: catalog[action.id].effect };
}

/**
 * Screens a planner's steps: anything outside the catalog, on a service the topology does not have,
 * with invalid parameters or blocked by the workspace's policy is dropped — never executed — and
 * reported in a sentence. Duplicates collapse; at most MAX_STEPS remain.
 */
export function screenSteps(steps: LooseStep[], ctx: ScreenContext, origin: string): { drafts: StepDraft[]; dropped: string[] } {
  const drafts: StepDraft[] = [];
  const dropped: string[] = [];
  const seen = new Set<string>();
  for (const step of steps) {
    const parameters: Params = Object.fromEntries(step.parameters.map((p) => [p.name, p.value]));
    const result = screenStep({ action: step.action, target: step.target, parameters }, ctx);
    if ("field" in result) {
      dropped.push(`${quote(step.action)}${step.target ? ` on ${quote(step.target)}` : ""}: ${result.field === "action" ? "" : `${result.field} `}${result.message} (${origin})`);
      continue;
    }
    const key = `${result.action.id}@${result.spec.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (drafts.length >= MAX_STEPS) {
      dropped.push(`${quote(step.action)} on ${quote(step.target)}: a plan has at most ${MAX_STEPS} steps (${origin})`);
      continue;
    }
    drafts.push({
      ...result,
      rationale: step.rationale.slice(0, 600),
      evidence: step.evidence.map((e) => e.slice(0, 200)).slice(0, 6),
      expectedEffect: (step.expected_effect || result.expectedEffect).slice(0, 400),
    });
  }
  return { drafts, dropped };
}
