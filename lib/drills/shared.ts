import { z } from "zod";
import type { Drill, DrillParticipant, DrillScore, DrillStatus } from "@/db/schema";

export const drillDifficulties = ["beginner", "intermediate", "advanced"] as const;

/** Faults a facilitator can inject on top of a running drill (`system/failure`, as `/api/v1/systems/{system}/trigger/{failure}`). */
export const injectableFaults = [
  { system: "redis", failure: "memory", label: "Redis memory full" },
  { system: "postgresql", failure: "connections", label: "PostgreSQL connections exhausted" },
  { system: "postgresql", failure: "bloat", label: "PostgreSQL table bloat" },
  { system: "disk", failure: "full", label: "Disk full" },
] as const;

const uuid = z.string().uuid("is not a valid id");

/**
 * A new drill: a scenario, or a random one of a difficulty; participants (workspace members); the
 * speed; whether the AI diagnosis runs by itself. `rerun_of` copies an earlier drill's scenario,
 * seed, speed, assistance and participants (given fields still win).
 */
export const createDrillSchema = z
  .object({
    title: z.string().trim().max(120).optional(),
    scenarioId: z.string().trim().min(1).max(64).optional(),
    difficulty: z.enum(drillDifficulties, { error: `must be one of ${drillDifficulties.join(", ")}` }).optional(),
    participantIds: z.array(uuid).max(20, "at most 20 participants").optional(),
    speed: z.coerce.number().min(1, "must be at least 1").max(100, "must be at most 100").optional(),
    seed: z.coerce.number().int("must be an integer").min(0).max(2 ** 31 - 1).optional(),
    aiAssistance: z.boolean().optional(),
    rerunOf: uuid.optional(),
  })
  .strict()
  .superRefine((d, ctx) => {
    if (!d.rerunOf && !d.scenarioId && !d.difficulty) ctx.addIssue({ code: "custom", path: ["scenarioId"], message: "give a scenario, or a difficulty for a random one" });
    if (!d.rerunOf && (!d.participantIds || d.participantIds.length === 0)) ctx.addIssue({ code: "custom", path: ["participantIds"], message: "name at least one participant" });
  });
export type CreateDrillInput = z.input<typeof createDrillSchema>;

export const acceptDiagnosisSchema = z.object({ cause: z.string().trim().min(1, "is required").max(60).regex(/^[a-z0-9_]+$/, "must be a snake_case cause") }).strict();
export const injectFaultSchema = z
  .object({ system: z.string().trim().min(1).max(40), failure: z.string().trim().min(1).max(40) })
  .strict()
  .refine((f) => injectableFaults.some((x) => x.system === f.system && x.failure === f.failure), { path: ["failure"], message: "is not a fault that can be injected" });

export type DrillView = {
  id: string;
  title: string;
  status: DrillStatus;
  scenarioId: string;
  scenarioName: string;
  difficulty: string;
  rootService: string;
  /** Revealed only once the drill has ended (participants must find it). */
  expectedRootCause: string | null;
  expectedActions: string[] | null;
  seed: number;
  speed: number;
  aiAssistance: boolean;
  participants: DrillParticipant[];
  facilitator: string;
  simulationId: string | null;
  simulationStatus: string | null;
  incidentId: string | null;
  incidentNumber: number | null;
  incidentStatus: string | null;
  injections: { simulationId: string; system: string; failure: string; at: string }[];
  acceptedCause: string | null;
  acceptedAt: string | null;
  acceptedByName: string | null;
  score: DrillScore | null;
  totalScore: number | null;
  debrief: string | null;
  rerunOf: string | null;
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
  version: number;
};

/** The drill page: the drill and, while it runs, the latest diagnosis' hypotheses of its incident. */
export type DrillPage = { drill: DrillView; hypotheses: { title: string; cause: string; confidence: number; provider: string }[] };

export type LeaderboardRow = { participantId: string; name: string; drills: number; bestScore: number; averageScore: number; medianTimeToAcknowledgeSeconds: number | null };

export type DrillListItem = Pick<DrillView, "id" | "title" | "status" | "scenarioName" | "difficulty" | "seed" | "speed" | "participants" | "totalScore" | "createdAt" | "endedAt" | "rerunOf">;

export function toDrillListItem(d: Drill): DrillListItem {
  return {
    id: d.id,
    title: d.title,
    status: d.status,
    scenarioName: d.scenarioName,
    difficulty: d.difficulty,
    seed: d.seed,
    speed: d.speed,
    participants: d.participants,
    totalScore: d.totalScore,
    createdAt: d.createdAt.toISOString(),
    endedAt: d.endedAt?.toISOString() ?? null,
    rerunOf: d.rerunOf,
  };
}
