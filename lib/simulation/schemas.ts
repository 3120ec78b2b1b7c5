import { z } from "zod";
import { simulationStatuses } from "@/db/schema/simulation";
import { boundedText as text, finiteNumber as finite, serviceName as name, type Topology } from "@/lib/topology";

/**
 * The declarative formats of the simulator, in snake_case JSON (they are written by hand, imported
 * and exported as files, and sent over the REST API as they are).
 */

export const patternTypes = ["constant", "linear", "spike", "step", "oscillating"] as const;
export type PatternType = (typeof patternTypes)[number];

export const scenarioSeverities = ["critical", "high", "medium", "low"] as const;
export type ScenarioSeverity = (typeof scenarioSeverities)[number];

export const difficulties = ["beginner", "intermediate", "advanced"] as const;
export type Difficulty = (typeof difficulties)[number];



// ─── Scenarios ───────────────────────────────────────────────────────────────────────────────

/** A metric driven from its baseline toward `value`; `sigma` is how many standard deviations that is. */
export const metricPatternSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, "is required")
      .max(80)
      .regex(/^[a-z][a-z0-9_]*$/, "must be snake_case (e.g. memory_usage_percent)"),
    value: finite,
    baseline: finite,
    sigma: finite,
    pattern: z.enum(patternTypes, { error: `must be one of ${patternTypes.join(", ")}` }),
    unit: text(20).optional(),
    /** Time to reach the value (linear, spike); defaults to the fault's duration. */
    ramp_seconds: z.number().positive("must be positive").optional(),
    /** Oscillating only: seconds per cycle (default: a quarter of the ramp). */
    period_seconds: z.number().positive("must be positive").optional(),
  })
  .superRefine((m, ctx) => {
    if (m.sigma === 0 && m.value !== m.baseline) ctx.addIssue({ code: "custom", path: ["sigma"], message: "must not be 0 when value differs from baseline" });
  });
export type MetricPattern = z.output<typeof metricPatternSchema>;

export const faultSchema = z.object({
  service: name("service name"),
  start_offset_seconds: z.number().min(0, "must be 0 or more").default(0),
  /** How long the fault lasts; until the scenario ends when omitted. */
  duration_seconds: z.number().positive("must be positive").optional(),
  /** Seconds the metrics take to return to baseline once the fault ends (stop, clear, fix). */
  recovery_seconds: z.number().min(0).max(3600).default(10),
  metrics: z.array(metricPatternSchema).min(1, "needs at least one metric").max(30),
  /** Action types that heal this fault when applied to its service (restart, rollback, scale…). */
  fixed_by: z.array(name("action type")).max(20).default([]),
});
export type Fault = z.output<typeof faultSchema>;

export const phaseSchema = z.object({
  name: text(80).min(1, "is required"),
  start_offset_seconds: z.number().min(0, "must be 0 or more").default(0),
  duration_seconds: z.number().positive("must be positive").optional(),
  faults: z.array(faultSchema).min(1, "needs at least one fault").max(30),
});
export type Phase = z.output<typeof phaseSchema>;

const deploySchema = z.looseObject({
  version: text(80).min(1, "is required"),
  minutes_ago: z.number().min(0),
  description: text(500).default(""),
  service: text(64).optional(),
});
const flagSchema = z.looseObject({
  name: text(120).min(1, "is required"),
  enabled: z.boolean(),
  changed_minutes_ago: z.number().min(0).optional(),
  description: text(500).optional(),
});
export const contextSchema = z.looseObject({
  recent_deploys: z.array(deploySchema).max(50).default([]),
  feature_flags: z.array(flagSchema).max(50).default([]),
});

// The conversation format of an on-call Slack conversation generator, for the war-room chat to replay.
const timelineItemSchema = z.looseObject({
  offset_seconds: z.number().min(0, "must be 0 or more"),
  type: z.enum(["alert", "message", "mention", "resolution", "action"]),
  channel: text(80).min(1, "is required"),
  user: text(64).optional(),
  content: text(4000).optional(),
  thread_parent: z.number().int().min(0).optional(),
  severity: z.enum(["critical", "warning", "info"]).optional(),
  title: text(200).optional(),
  details: text(2000).optional(),
  metrics: z.record(z.string(), z.string()).optional(),
  metrics_before: z.record(z.string(), z.string()).optional(),
  metrics_after: z.record(z.string(), z.string()).optional(),
  runbook: text(500).optional(),
  mentions: z.array(z.string()).optional(),
  reactions: z.array(z.string()).optional(),
  action_type: z.enum(["restart", "scale", "flag_toggle", "rollback", "manual_fix"]).optional(),
});
const personaSchema = z.looseObject({
  name: text(80).min(1, "is required"),
  style: text(80).optional(),
  response_time: z.enum(["very_fast", "fast", "medium", "slow"]).optional(),
  seniority: z.enum(["junior", "mid", "senior", "staff"]).optional(),
  characteristics: z.array(text(200)).optional(),
  common_phrases: z.array(text(200)).optional(),
  emoji_use: text(40).optional(),
});
const channelSchema = z.object({
  channel: text(80).regex(/^#/, "must start with #"),
  oncall_group: text(80).regex(/^@/, "must start with @"),
  role: z.enum(["primary", "affected", "upstream", "downstream", "observer"]),
});
export const conversationSchema = z
  .object({
    services: z.record(z.string(), channelSchema),
    personas: z.record(z.string(), personaSchema).default({}),
    timeline: z.array(timelineItemSchema).min(1, "needs at least one item").max(500),
  })
  .superRefine((c, ctx) => {
    const channels = new Set(Object.values(c.services).map((s) => s.channel));
    const groups = new Set(Object.values(c.services).map((s) => s.oncall_group));
    c.timeline.forEach((item, i) => {
      const at = (field: string) => ["timeline", i, field];
      if (i > 0 && item.offset_seconds < c.timeline[i - 1].offset_seconds) {
        ctx.addIssue({ code: "custom", path: at("offset_seconds"), message: "offsets must be in order" });
      }
      if (item.thread_parent !== undefined && item.thread_parent >= i) {
        ctx.addIssue({ code: "custom", path: at("thread_parent"), message: "must point to an earlier item" });
      }
      if (!channels.has(item.channel)) ctx.addIssue({ code: "custom", path: at("channel"), message: `"${item.channel}" is not a channel of the services` });
      for (const m of item.mentions ?? []) {
        if (!groups.has(m)) ctx.addIssue({ code: "custom", path: at("mentions"), message: `"${m}" is not a declared on-call group` });
      }
      if (item.user && Object.keys(c.personas).length > 0 && !(item.user in c.personas)) {
        ctx.addIssue({ code: "custom", path: at("user"), message: `"${item.user}" is not a declared persona` });
      }
      for (const [key, v] of Object.entries({ ...item.metrics, ...item.metrics_before, ...item.metrics_after })) {
        if (/latency|p9\d|duration/.test(key) && !/\d\s*(ms|s)\b/.test(v)) {
          ctx.addIssue({ code: "custom", path: at("metrics"), message: `${key} must carry a unit (ms or s)` });
        }
        if (/rate|throughput|qps|rps/.test(key) && !/(%|req\/s|qps|\/s)/.test(v)) {
          ctx.addIssue({ code: "custom", path: at("metrics"), message: `${key} must carry a unit (%, req/s or qps)` });
        }
      }
    });
  });
export type Conversation = z.output<typeof conversationSchema>;

export const scenarioKinds = ["scenario", "injection"] as const;
export type ScenarioKind = (typeof scenarioKinds)[number];

export const scenarioSchema = z
  .object({
    id: z
      .string({ error: "is required" })
      .trim()
      .min(3, "must be at least 3 characters")
      .max(64, "must be at most 64 characters")
      .regex(/^[a-z0-9][a-z0-9_-]*$/, "must use lowercase letters, digits, '-' or '_'"),
    name: text(120).min(3, "must be at least 3 characters"),
    description: text(4000).default(""),
    kind: z.enum(scenarioKinds).default("scenario"),
    root_service: name("service name"),
    severity: z.enum(scenarioSeverities, { error: `must be one of ${scenarioSeverities.join(", ")}` }),
    difficulty: z.enum(difficulties, { error: `must be one of ${difficulties.join(", ")}` }),
    tags: z.array(name("tag")).max(20).default([]),
    duration_seconds: z.number({ error: "must be a number" }).min(10, "must be at least 10 seconds").max(7 * 86_400, "must be at most 7 days"),
    faults: z.array(faultSchema).max(50).default([]),
    phases: z.array(phaseSchema).max(20).optional(),
    context: contextSchema.default({ recent_deploys: [], feature_flags: [] }),
    expected_root_cause: text(120).min(1, "is required"),
    expected_action_types: z.array(name("action type")).max(20).default([]),
    /** Descriptive cascade facts: services affected, depth, business impact, detection, recovery. */
    impact: z
      .looseObject({
        affected_services: z.array(z.string()).default([]),
        depth: text(40).optional(),
        business_impact: text(40).optional(),
        detection: text(40).optional(),
        recovery: text(80).optional(),
      })
      .optional(),
    /** Injections only: what clearing it does (flush, VACUUM, …). */
    clear: text(300).optional(),
    /**
     * Whether the failure goes away by itself when the script ends (a traffic spike subsides). By
     * default a fault that lasts "until the scenario ends" persists after it, until an action fixes
     * it (`fixed_by`) or someone stops or clears the run: the run then waits for remediation.
     */
    self_heals: z.boolean().optional(),
    conversation: conversationSchema.optional(),
  })
  .superRefine((s, ctx) => {
    const all = allFaults(s);
    if (all.length === 0) ctx.addIssue({ code: "custom", path: ["faults"], message: "needs at least one fault (in faults or phases)" });
    s.faults.forEach((f, i) => {
      if (f.start_offset_seconds >= s.duration_seconds) {
        ctx.addIssue({ code: "custom", path: ["faults", i, "start_offset_seconds"], message: `must be before the end of the scenario (${s.duration_seconds} s)` });
      }
    });
    s.phases?.forEach((p, i) => {
      if (p.start_offset_seconds >= s.duration_seconds) {
        ctx.addIssue({ code: "custom", path: ["phases", i, "start_offset_seconds"], message: `must be before the end of the scenario (${s.duration_seconds} s)` });
      }
    });
    if (all.length > 0 && !all.some((f) => f.service === s.root_service)) {
      ctx.addIssue({ code: "custom", path: ["root_service"], message: `"${s.root_service}" has no fault: the root service must be one a fault breaks` });
    }
  });
export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;

/** Every fault of a scenario with phases flattened (phase offsets added, phase duration as a cap). */
export function allFaults(s: Pick<Scenario, "faults" | "phases">): Fault[] {
  const out: Fault[] = [...s.faults];
  for (const p of s.phases ?? []) {
    for (const f of p.faults) {
      const start = p.start_offset_seconds + f.start_offset_seconds;
      const phaseEnd = p.duration_seconds !== undefined ? p.start_offset_seconds + p.duration_seconds : undefined;
      const ownEnd = f.duration_seconds !== undefined ? start + f.duration_seconds : undefined;
      const end = phaseEnd !== undefined && ownEnd !== undefined ? Math.min(phaseEnd, ownEnd) : (ownEnd ?? phaseEnd);
      out.push({ ...f, start_offset_seconds: start, duration_seconds: end !== undefined ? end - start : undefined });
    }
  }
  return out;
}

/** Services a scenario's faults name that the topology lacks (checked when a run starts or a scenario is saved). */
export function unknownServices(s: Scenario, topology: Topology): { path: string; message: string }[] {
  const names = new Set(topology.services.map((x) => x.name));
  const issues: { path: string; message: string }[] = [];
  s.faults.forEach((f, i) => {
    if (!names.has(f.service)) issues.push({ path: `faults.${i}.service`, message: `"${f.service}" is not a service of this workspace's topology` });
  });
  s.phases?.forEach((p, i) =>
    p.faults.forEach((f, j) => {
      if (!names.has(f.service)) issues.push({ path: `phases.${i}.faults.${j}.service`, message: `"${f.service}" is not a service of this workspace's topology` });
    }),
  );
  if (!names.has(s.root_service)) issues.push({ path: "root_service", message: `"${s.root_service}" is not a service of this workspace's topology` });
  // The conversation's services, and the services its alerts name, must be the topology's too.
  for (const service of Object.keys(s.conversation?.services ?? {})) {
    if (!names.has(service)) issues.push({ path: `conversation.services.${service}`, message: `"${service}" is not a service of this workspace's topology` });
  }
  s.conversation?.timeline.forEach((item, i) => {
    const named = typeof item.service === "string" ? item.service : undefined;
    if (named && !names.has(named)) issues.push({ path: `conversation.timeline.${i}.service`, message: `"${named}" is not a service of this workspace's topology` });
  });
  return issues;
}

// ─── Requests ────────────────────────────────────────────────────────────────────────────────

export const startSimulationSchema = z.object({
  speed: z.coerce.number().min(0.1, "must be at least 0.1").max(1000, "must be at most 1000").default(1),
  seed: z.coerce.number().int("must be an integer").min(0).max(2 ** 31 - 1).optional(),
  auto_analyze: z.boolean().default(false),
});
export type StartSimulationInput = z.input<typeof startSimulationSchema>;

export const simulationIdSchema = z.string().uuid("is not a valid simulation id");

export const listSimulationsSchema = z.object({
  status: z.enum(simulationStatuses).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** A remediation applied to a service of the simulated world (the service comes from the URL). */
export const worldActionSchema = z.object({
  service: z.string().trim().min(1, "is required").max(100),
  action: z.string().trim().min(1, "is required").max(64),
  simulation_id: simulationIdSchema.optional(),
});

/** `POST /api/v1/systems/{system}/clear`: one failure of the system, or all of them when omitted. */
export const clearFailureQuerySchema = z.object({
  failure: z.string().trim().max(64).optional(),
});

export const listScenariosSchema = z.object({
  difficulty: z.enum(difficulties).optional(),
  tag: z.string().trim().max(64).optional(),
  kind: z.enum(scenarioKinds).optional(),
});
