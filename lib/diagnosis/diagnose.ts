import { diagnoses, timelineEntries, type DiagnosisRow, type Incident } from "@/db/schema";
import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/shared";
import { consumeDiagnosisQuota } from "./rate-limit";
import { assertCan } from "@/lib/auth";
import { recordAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import { getIncidentById } from "@/lib/incidents";
import { incidentIdSchema } from "@/lib/incidents/shared";
import { logger } from "@/lib/logger";
import { publish } from "@/lib/realtime";
import { parseInput, toResult, type Result } from "@/lib/result";
import { runProviderChain, type ChainAnswer, type ChainObserver } from "./chain";
import { resolveProviders, type ProviderEntry } from "./providers";
import type { Diagnosis, DiagnosisMeta } from "./schema";
import { collectSignals, type EventsLoader } from "./collect-signals";
import type { IncidentSignals } from "./signals";
import { EnvelopeWriter } from "./stream-envelope";

const log = logger("ai");

export type DiagnosisOptions = {
  /** Override the provider chain (tests, eval). */
  providers?: ProviderEntry[];
  firstTokenTimeoutMs?: number;
  totalTimeoutMs?: number;
  abortSignal?: AbortSignal;
  loadEvents?: EventsLoader;
  /** Do not ask the SRE agent to plan afterwards (the agent's own diagnosis before a plan). */
  skipAgent?: boolean;
};

export type FinishedDiagnosis = { diagnosis: Diagnosis; meta: DiagnosisMeta };

const providerLabel: Record<string, string> = { groq: "Groq", gemini: "Gemini", offline: "offline engine" };

export const NO_PROVIDER_MESSAGE = "No provider produced a valid diagnosis. Nothing was saved; try again.";

/**
 * Checks the caller may diagnose this incident (404 when it belongs to another workspace) and takes
 * one from the workspace's per-minute quota (429 beyond it; the system's own analyses are not counted).
 */
export async function prepareDiagnosis(
  db: Database,
  actor: Actor,
  incidentId: unknown,
  options: Pick<DiagnosisOptions, "loadEvents"> = {},
): Promise<{ incident: Incident; signals: IncidentSignals }> {
  assertCan(actor, "diagnosis:run");
  const id = parseInput(incidentIdSchema, incidentId);
  if (actor.kind !== "system") consumeDiagnosisQuota(actor.workspaceId);
  const incident = await getIncidentById(db, { workspaceId: actor.workspaceId, id });
  const signals = await collectSignals(db, incident, { loadEvents: options.loadEvents });
  return { incident, signals };
}

/** Stores a finished diagnosis (history is kept: every run is a new row) and tells everyone. */
async function persist(db: Database, actor: Actor, incident: Incident, answer: ChainAnswer): Promise<DiagnosisRow> {
  const row = await db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(diagnoses)
      .values({
        workspaceId: actor.workspaceId,
        incidentId: incident.id,
        provider: answer.provider.id,
        model: answer.provider.model,
        severity: answer.diagnosis.severity,
        category: answer.diagnosis.category,
        confidence: answer.diagnosis.confidence,
        abstained: answer.diagnosis.abstained,
        diagnosis: answer.diagnosis as unknown as Record<string, unknown>,
        attempts: answer.attempts,
        timeToFirstTokenMs: answer.timeToFirstTokenMs,
        totalMs: answer.totalMs,
        inputTokens: answer.inputTokens,
        outputTokens: answer.outputTokens,
        requestedByKind: actor.kind,
        requestedById: actor.id,
        requestedByName: actor.name,
      })
      .returning();
    // The summary goes to the incident's timeline, where the responders' conversation is.
    const top = answer.diagnosis.hypotheses[0];
    await tx.insert(timelineEntries).values({
      workspaceId: actor.workspaceId,
      incidentId: incident.id,
      kind: "system",
      body: `AI diagnosis (${providerLabel[answer.provider.id]}, ${answer.diagnosis.severity}, ${answer.diagnosis.category}): ${answer.diagnosis.summary}`.slice(0, 2000),
      data: {
        diagnosisId: inserted.id,
        provider: answer.provider.id,
        model: answer.provider.model,
        ...(top ? { topHypothesis: top.title, confidence: top.confidence } : { abstained: true }),
      },
      authorKind: actor.kind,
      authorId: actor.id,
      authorName: actor.name,
    });
    await recordAudit(tx, actor, {
      action: "diagnosis.create",
      targetType: "incident",
      targetId: incident.id,
      data: { diagnosisId: inserted.id, provider: inserted.provider, model: inserted.model },
    });
    return inserted;
  });
  await publish(actor, { type: "diagnosis.finished", incidentId: incident.id, diagnosisId: row.id });
  return row;
}

export function metaFromRow(row: DiagnosisRow): DiagnosisMeta {
  return {
    id: row.id,
    provider: row.provider as DiagnosisMeta["provider"],
    model: row.model,
    time_to_first_token_ms: row.timeToFirstTokenMs,
    total_ms: row.totalMs,
    input_tokens: row.inputTokens,
    output_tokens: row.outputTokens,
    attempts: row.attempts as DiagnosisMeta["attempts"],
    created_at: row.createdAt.toISOString(),
  };
}

async function diagnoseAndStore(
  db: Database,
  actor: Actor,
  prepared: { incident: Incident; signals: IncidentSignals },
  options: DiagnosisOptions & ChainObserver,
): Promise<FinishedDiagnosis> {
  const answer = await runProviderChain(prepared.signals, {
    ...options,
    providers: options.providers ?? resolveProviders(),
  });
  if (!answer) throw new AppError("unavailable:diagnosis", NO_PROVIDER_MESSAGE);
  const row = await persist(db, actor, prepared.incident, answer);
  return { diagnosis: answer.diagnosis, meta: metaFromRow(row) };
}

/**
 * Diagnoses an incident and returns the finished, saved diagnosis (REST automation, the simulator's
 * auto-analysis). Same chain and same validation as the streamed route.
 */
export async function runDiagnosis(
  db: Database,
  actor: Actor,
  incidentId: string,
  options: DiagnosisOptions = {},
): Promise<Result<FinishedDiagnosis>> {
  const result = await toResult({ op: "diagnosis.runDiagnosis", actor },
    async () => diagnoseAndStore(db, actor, await prepareDiagnosis(db, actor, incidentId, options), options),
  );
  if (result.ok && !options.skipAgent) await planAfterwards(db, actor.workspaceId, incidentId);
  return result;
}

/**
 * When the workspace asks for it, the SRE agent plans as soon as a diagnosis is saved. Loaded on
 * first use: the agent reads diagnoses, and this is the one call back. It never fails the diagnosis.
 */
async function planAfterwards(db: Database, workspaceId: string, incidentId: string): Promise<void> {
  try {
    await (await import("@/lib/agent")).planAfterDiagnosis(db, workspaceId, incidentId);
  } catch (err) {
    log.error({ err, incidentId }, "planning after the diagnosis failed");
  }
}

/**
 * The streamed diagnosis as a text stream of one growing JSON document (see stream-envelope.ts):
 * runs with their drafts as providers answer, then the saved result. Call `prepareDiagnosis` first so
 * that permission and not-found errors become proper HTTP statuses before streaming starts.
 */
export function streamDiagnosis(
  db: Database,
  actor: Actor,
  prepared: { incident: Incident; signals: IncidentSignals },
  options: DiagnosisOptions = {},
): ReadableStream<string> {
  return new ReadableStream<string>({
    async start(controller) {
      let saved = false;
      // The reader may be gone (the user pressed Stop, closed the tab): writes then go nowhere.
      const writer = new EnvelopeWriter((chunk) => {
        try {
          controller.enqueue(chunk);
        } catch {
          // stream already cancelled
        }
      });
      try {
        const finished = await diagnoseAndStore(db, actor, prepared, {
          ...options,
          onRunStart: (p) => writer.startRun(p.id, p.model),
          onDraft: (partial) => writer.draft(partial),
          onRunEnd: (outcome, reason) => writer.endRun(outcome, reason),
        });
        writer.finish(finished);
        saved = true;
      } catch (e) {
        if (!(e instanceof AppError)) log.error({ err: e, incidentId: prepared.incident.id }, "streamed diagnosis failed");
        writer.fail(e instanceof AppError ? e.message : NO_PROVIDER_MESSAGE);
      }
      try {
        controller.close();
      } catch {
        // stream already cancelled
      }
      if (saved && !options.skipAgent) await planAfterwards(db, actor.workspaceId, prepared.incident.id);
    },
  });
}
