import { z } from "zod";

/**
 * The diagnosis every provider must produce (Groq, Gemini and the offline engine alike). Shared by the
 * server (validation of the model's output) and the client (`useObject`). Kept to plain objects,
 * arrays, enums, strings and bounded numbers so that every provider's JSON-schema dialect accepts it.
 */
export const diagnosisCategories = [
  "database",
  "memory",
  "cpu/capacity",
  "latency",
  "deployment",
  "dependency/external",
  "network",
  "disk",
  "cache",
  "queue/backlog",
  "auth/security",
  "configuration",
  "other",
] as const;
export type DiagnosisCategory = (typeof diagnosisCategories)[number];

export const evidenceSources = ["event", "metric", "deploy", "feature_flag", "change", "incident", "dependency", "context"] as const;
export type EvidenceSource = (typeof evidenceSources)[number];

export const actionKinds = ["mitigation", "fix", "verification"] as const;
export const actionRisks = ["low", "medium", "high"] as const;

/** Machine-readable action types, so automation (and the eval) can tell what is being recommended. */
export const actionTypes = [
  "restart",
  "scale",
  "rollback",
  "rate_limit",
  "circuit_breaker",
  "fallback",
  "toggle_feature_flag",
  "clear_cache",
  "database_optimization",
  "connection_pool_tuning",
  "kill_connections",
  "vacuum",
  "failover",
  "config_change",
  "cleanup_disk",
  "expand_capacity",
  "rotate_credentials",
  "renew_certificate",
  "block_traffic",
  "alert",
  "investigate",
  "verify",
] as const;
export type ActionType = (typeof actionTypes)[number];

export const evidenceSchema = z.object({
  source: z.enum(evidenceSources).describe("Kind of signal cited"),
  ref: z
    .string()
    .max(200)
    .describe("Identifier of the signal: event id or quoted log text, metric name, deploy version, flag name, service name"),
  detail: z.string().max(400).describe("What the signal shows, e.g. 'memory_usage_percent 95 vs baseline 25 (+5.2σ)'"),
});
export type Evidence = z.infer<typeof evidenceSchema>;

export const causalRoles = ["cause", "mechanism", "symptom"] as const;
export type CausalRole = (typeof causalRoles)[number];

/** One link of "cause → mechanism → symptom", with the signals that show it. */
export const causalStepSchema = z.object({
  role: z.enum(causalRoles).describe("cause first, then the mechanism(s), then the symptom"),
  description: z.string().min(1).max(300).describe("What happened at this step, e.g. 'pool_size lowered 50 → 5 at 13:40'"),
  evidence: z.array(evidenceSchema).max(4).describe("The signals that show this step (may be empty for a mechanism known from how the software fails)"),
});
export type CausalStep = z.infer<typeof causalStepSchema>;

/** A signal that was considered and dismissed: an unrelated or late change, a benign warning, a refuted cause. */
export const dismissedSignalSchema = z.object({
  source: z.enum(evidenceSources),
  ref: z.string().max(200).describe("The signal, as in evidence: event id, metric, deploy version, flag, quoted text"),
  reason: z.string().min(1).max(300).describe("Why it is not the cause"),
});
export type DismissedSignal = z.infer<typeof dismissedSignalSchema>;

const hypothesisFields = {
  title: z.string().min(1).max(160),
  cause: z
    .string()
    .max(60)
    .describe("snake_case identifier of the failure mode, e.g. memory_leak, traffic_surge, database_performance, deployment_issue"),
  category: z.enum(diagnosisCategories),
  explanation: z.string().max(1200),
  evidence: z.array(evidenceSchema).max(8),
  confidence: z.number().min(0).max(1),
};
const causalChain = z
  .array(causalStepSchema)
  .max(6)
  .describe("cause → mechanism → symptom, each step with its evidence; required for the first hypothesis, [] allowed for the others");

/** A hypothesis as read (stored diagnoses from before the causal chain have none). */
export const hypothesisSchema = z.object({ ...hypothesisFields, causal_chain: causalChain.optional() });
export type Hypothesis = z.infer<typeof hypothesisSchema>;

export const recommendedActionSchema = z.object({
  step: z.string().min(1).max(400),
  kind: z.enum(actionKinds).describe("mitigation first, then fix, then verification"),
  type: z.enum(actionTypes),
  risk: z.enum(actionRisks),
  confidence: z.number().min(0).max(1).describe("How likely this step helps"),
});
export type RecommendedAction = z.infer<typeof recommendedActionSchema>;

const severity = z.enum(["P0", "P1", "P2", "P3"]);
const summary = z.string().min(1).max(800).describe("Two or three sentences for the incident channel");
const abstained = z.boolean().describe("True when no signal supports any cause; then hypotheses is empty");
const actions = z.array(recommendedActionSchema).max(8);
const overall = z.number().min(0).max(1);
const dismissedList = z.array(dismissedSignalSchema).max(8).describe("Signals considered and dismissed as not the cause, each with the reason");

/**
 * A diagnosis as read: stored rows, the REST API, the browser. The causal fields are optional so that
 * diagnoses saved before they existed still parse.
 */
export const diagnosisSchema = z.object({
  severity,
  category: z.enum(diagnosisCategories),
  summary,
  abstained,
  hypotheses: z.array(hypothesisSchema).max(5).describe("Ranked, most likely first; each with evidence"),
  recommended_actions: actions,
  confidence: overall,
  dismissed: dismissedList.optional(),
});
export type Diagnosis = z.infer<typeof diagnosisSchema>;

/**
 * What a provider must produce: the same document with the causal fields required (strict JSON-schema
 * modes need every property listed as required; empty lists are allowed).
 */
export const diagnosisOutputSchema = z.object({
  severity,
  category: z.enum(diagnosisCategories),
  summary,
  abstained,
  hypotheses: z.array(z.object({ ...hypothesisFields, causal_chain: causalChain })).max(5).describe("Ranked, most likely first; each with evidence"),
  recommended_actions: actions,
  confidence: overall,
  dismissed: dismissedList,
});
export type DiagnosisOutput = z.infer<typeof diagnosisOutputSchema>;

/** Checks the rule the JSON schema cannot express: a diagnosis either abstains or names a cause. */
export function diagnosisConsistencyError(d: Diagnosis): string | null {
  if (!d.abstained && d.hypotheses.length === 0) return "no hypotheses and not abstained";
  if (d.abstained && d.hypotheses.length > 0) return "abstained but listed hypotheses";
  return null;
}

export const providerIds = ["groq", "gemini", "offline"] as const;
export type ProviderId = (typeof providerIds)[number];

export const attemptSchema = z.object({
  provider: z.enum(providerIds),
  model: z.string(),
  outcome: z.enum(["answered", "skipped"]),
  reason: z.string().optional(),
  ms: z.number().optional(),
});
export type Attempt = z.infer<typeof attemptSchema>;

export const diagnosisMetaSchema = z.object({
  id: z.string().optional(),
  provider: z.enum(providerIds),
  model: z.string(),
  time_to_first_token_ms: z.number().nullable(),
  total_ms: z.number(),
  input_tokens: z.number().nullable(),
  output_tokens: z.number().nullable(),
  attempts: z.array(attemptSchema),
  created_at: z.string().optional(),
});
export type DiagnosisMeta = z.infer<typeof diagnosisMetaSchema>;

/**
 * What the streaming route sends (and `useObject` parses): one run per provider tried, each with
 * the draft streamed so far and, after it, how it ended; then the validated, saved result.
 * Fields only ever grow at the end, so the text stream stays one valid, growing JSON document.
 */
export const diagnosisStreamSchema = z.object({
  runs: z.array(
    z.object({
      provider: z.enum(providerIds),
      model: z.string(),
      draft: diagnosisSchema.partial().optional(),
      outcome: z.enum(["answered", "skipped"]).optional(),
      reason: z.string().optional(),
    }),
  ),
  result: z
    .object({
      diagnosis: diagnosisSchema,
      meta: diagnosisMetaSchema,
    })
    .optional(),
  error: z.string().optional(),
});
export type DiagnosisStream = z.infer<typeof diagnosisStreamSchema>;

/** `GET /api/v1/incidents/{id}/diagnoses`: how many of the newest diagnoses to return. */
export const listDiagnosesSchema = z.object({
  limit: z.coerce.number().int().min(1, "must be at least 1").max(100, "must be at most 100").default(20),
});
