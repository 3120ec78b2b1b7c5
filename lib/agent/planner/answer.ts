import { z } from "zod";
import { actionIds } from "../catalog";
import { readJsonAnswer, SkipProvider } from "@/lib/diagnosis";

/**
 * What a planner answers. The schema sent to the models has the action as an enum of the catalog;
 * the answer is then read with a looser one (any string), so that an action outside the catalog is
 * dropped and reported ("dropped: …") instead of silently failing the whole answer.
 */
const stepShape = {
  target: z.string().max(100).describe("The service the action applies to: a name from the data block's services"),
  parameters: z
    .array(z.object({ name: z.string().max(64), value: z.string().max(200) }))
    .max(8)
    .describe("The action's parameters as name/value pairs, e.g. flag=paymentFailure, replicas=5"),
  rationale: z.string().max(600).describe("Why, citing the diagnosis' evidence"),
  evidence: z.array(z.string().max(200)).max(6).describe("The evidence refs (metric names, flag names, deploy versions, event ids) this step rests on"),
  expected_effect: z.string().max(400).describe("What should change once it has run"),
};

export const planAnswerSchema = z.object({
  summary: z.string().max(600).describe("One or two sentences: the cause and what the plan does about it"),
  steps: z
    .array(z.object({ action: z.enum(actionIds).describe("One action of the catalog"), ...stepShape }))
    .max(5)
    .describe("Ordered: mitigation first, then the fix. Empty when no catalog action fits."),
});
export type PlanAnswer = z.infer<typeof planAnswerSchema>;

export const looseAnswerSchema = z.object({
  summary: z.string().max(2000).default(""),
  steps: z
    .array(
      z.object({
        action: z.string().max(500),
        target: z.string().max(500).default(""),
        parameters: z
          .array(z.object({ name: z.string().max(64), value: z.union([z.string(), z.number(), z.boolean()]).transform(String) }))
          .max(20)
          .default([]),
        rationale: z.string().max(2000).default(""),
        evidence: z.array(z.string().max(500)).max(20).default([]),
        expected_effect: z.string().max(2000).default(""),
      }),
    )
    .max(12),
});
export type LooseAnswer = z.infer<typeof looseAnswerSchema>;
export type LooseStep = LooseAnswer["steps"][number];

/** Reads a model's text as a plan answer (JSON, possibly fenced); anything unreadable is a skip. */
export function readAnswer(text: string): LooseAnswer {
  const json = readJsonAnswer(text);
  const parsed = looseAnswerSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new SkipProvider(`answer failed the schema (${first.path.join(".") || "root"}: ${first.message})`);
  }
  return parsed.data;
}
