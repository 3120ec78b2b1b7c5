import { and, count, eq, gt, inArray, ne, sql } from "drizzle-orm";
import { agentPlans, openStatuses, type AgentPlan, type Incident, type PlanSource, type SimulationRow } from "@/db/schema";
import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/shared";
import { assertCan } from "@/lib/auth";
import { listDiagnoses, runDiagnosis, type ProviderEntry, type SavedDiagnosis } from "@/lib/diagnosis";
import { AppError } from "@/lib/errors";
import { getIncidentById } from "@/lib/incidents";
import { incidentIdSchema, incidentKey } from "@/lib/incidents/shared";
import { logger } from "@/lib/logger";
import { parseInput, toResult, unwrap, type Result } from "@/lib/result";
import { runningRunsWith } from "@/lib/simulation";
import { canonicalService } from "@/lib/topology";
import { buildStep, checksOfPlan, initialStatus, needsAdmin, planRisk, whatIf } from "./build";
import { catalog, findAction } from "./catalog";
import { agentActor, loadContext, type PlanContext } from "./context";
import { executePlan } from "./execute";
import { announce, record, stepsLine } from "./notify";
import { buildPlanData } from "./planner/data";
import { runPlannerChain } from "./planner/chain";
import { requestPlanSchema, systemActionSchema } from "./schemas";
import { screenStep, screenSteps, type ScreenContext, type StepDraft } from "./screen";

const log = logger("agent");

export type PlanOptions = {
  /** Override the planner's provider chain (tests, eval). */
  providers?: ProviderEntry[];
  now?: Date;
  abortSignal?: AbortSignal;
};

type How =
  | { kind: "manual"; draft: StepDraft; by: string }
  | { kind: "planner"; source: Exclude<PlanSource, "manual">; options: PlanOptions };

function screenContext(ctx: PlanContext): ScreenContext {
  return { topology: ctx.topology, incidentService: ctx.incident?.service ?? null, blocked: ctx.settings.blockedActions };
}

function refuse(field: string, message: string): never {
  throw new AppError("unprocessable:input", `Invalid input: ${field} ${message}`, { issues: [{ path: field, message }] });
}

async function executionsThisHour(db: Database, workspaceId: string, incidentId: string | null, now: Date): Promise<number> {
  if (!incidentId) return 0;
  const [row] = await db
    .select({ n: count() })
    .from(agentPlans)
    .where(and(eq(agentPlans.workspaceId, workspaceId), eq(agentPlans.incidentId, incidentId), gt(agentPlans.executedAt, new Date(now.getTime() - 3_600_000))));
  return Number(row?.n ?? 0);
}
export { executionsThisHour };

async function latestDiagnosis(db: Database, actor: Actor, incident: Incident, options: PlanOptions): Promise<SavedDiagnosis> {
  const [saved] = await listDiagnoses(db, { workspaceId: actor.workspaceId, incidentId: incident.id, limit: 1 });
  if (saved) return saved;
  // A plan rests on a diagnosis: without one, run it first (it is saved and shown like any other).
  const ran = unwrap(await runDiagnosis(db, actor, incident.id, { abortSignal: options.abortSignal, skipAgent: true }));
  return { diagnosis: ran.diagnosis, meta: ran.meta, requestedBy: actor.name };
}

/**
 * Makes a plan: a row in `planning` first (everyone watching sees the agent at work), then the
 * steps — from the planner (Groq → Gemini → offline, catalog-only) or the one action a person
 * picked — each with its risk, blast radius, rollback, dry run and checks, the what-if forecast,
 * and the status its mode and the workspace's policy give it. An automated, low-risk plan executes
 * at once.
 */
async function createPlan(db: Database, actor: Actor, ctx: PlanContext, how: How, now: Date): Promise<AgentPlan> {
  const expiresAt = new Date(now.getTime() + ctx.settings.planExpiryMinutes * 60_000);
  const source: PlanSource = how.kind === "manual" ? "manual" : how.source;
  const planning = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(agentPlans)
      .values({
        workspaceId: actor.workspaceId,
        incidentId: ctx.incident?.id ?? null,
        simulationId: ctx.run?.id ?? null,
        incidentSystem: ctx.incidentSystem,
        targetService: how.kind === "manual" ? how.draft.spec.name : (ctx.incident?.service ?? ctx.incidentSystem ?? "unknown"),
        status: "planning",
        mode: ctx.mode,
        world: ctx.world,
        source,
        notice: ctx.notice,
        expiresAt,
        createdByKind: actor.kind,
        createdById: actor.id,
        createdByName: actor.name,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await record(tx, actor, { id: row.id, incidentId: null }, { action: "agent.plan.request", body: "", data: { source, mode: ctx.mode, world: ctx.world } });
    return row;
  });
  await announce(actor, planning);

  let finished: AgentPlan;
  try {
    finished = await fillPlan(db, actor, ctx, how, planning, now);
  } catch (e) {
    await db
      .update(agentPlans)
      .set({ status: "failed", failureReason: e instanceof AppError ? e.message.slice(0, 500) : "Planning failed unexpectedly.", finishedAt: new Date(), updatedAt: new Date(), version: sql`${agentPlans.version} + 1` })
      .where(and(eq(agentPlans.id, planning.id), eq(agentPlans.status, "planning")));
    await announce(actor, { ...planning, status: "failed" });
    throw e;
  }
  if (finished.status === "approved") {
    return executePlan(db, finished.id, { workspaceId: actor.workspaceId, approvedBy: agentActor(actor.workspaceId).name, now });
  }
  return finished;
}

async function fillPlan(db: Database, actor: Actor, ctx: PlanContext, how: How, planning: AgentPlan, now: Date): Promise<AgentPlan> {
  let drafts: StepDraft[];
  let summary: string;
  let dropped: string[] = [];
  let meta: Partial<Pick<AgentPlan, "provider" | "model" | "attempts" | "diagnosisId">> = {};
  if (how.kind === "manual") {
    drafts = [{ ...how.draft, rationale: how.draft.rationale || `Picked by ${how.by} from the action catalog.` }];
    summary = `${how.by} proposed ${catalog[how.draft.action.id].label.toLowerCase()} on ${how.draft.spec.name}.`;
  } else {
    if (!ctx.incident) throw new AppError("unprocessable:input", "The planner needs an incident to plan for.");
    const diagnosis = await latestDiagnosis(db, actor, ctx.incident, how.options);
    const data = buildPlanData(ctx.incident, ctx.incidentSystem ?? ctx.incident.service, diagnosis, ctx.topology, ctx.settings.blockedActions);
    const sctx = screenContext(ctx);
    const result = await runPlannerChain(data, {
      providers: how.options.providers,
      abortSignal: how.options.abortSignal,
      screen: (answer, origin) => {
        const r = screenSteps(answer.steps, sctx, origin);
        return { kept: r.drafts.length, dropped: r.dropped };
      },
    });
    if (!result) throw new AppError("unavailable:planner", "No planner produced a usable plan. Nothing was proposed; try again.");
    const accepted = screenSteps(result.answer.steps, sctx, `${result.provider.id} ${result.provider.model}`);
    drafts = accepted.drafts;
    dropped = result.dropped;
    summary = result.answer.summary || (drafts.length ? "" : "No action of the catalog fits.");
    meta = { provider: result.provider.id, model: result.provider.model, attempts: result.attempts, diagnosisId: diagnosis.meta.id ?? null };
  }
  const steps = drafts.map((d, i) => buildStep(d, i, ctx));
  const risk = planRisk(steps);
  const requiresAdmin = needsAdmin(steps, ctx);
  const executions = await executionsThisHour(db, actor.workspaceId, ctx.incident?.id ?? null, now);
  const start = initialStatus(steps, ctx, { requiresAdmin, executionsThisHour: executions });
  const whatIfRows = start.status === "failed" ? [] : whatIf(steps, ctx);
  const checks = checksOfPlan(steps, ctx.incidentSystem, ctx.threshold).map((c) => ({ name: c.name, passed: false, detail: "not run yet", observed: [] }));
  const agent = agentActor(actor.workspaceId);
  const autoApproved = start.status === "approved";

  const { plan, entries, superseded } = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(agentPlans)
      .set({
        status: start.status,
        summary: summary.slice(0, 1000),
        steps,
        whatIf: whatIfRows,
        dropped: dropped.slice(0, 40),
        checks,
        riskLevel: risk.level,
        riskScore: risk.score,
        requiresAdmin,
        notice: start.notice,
        failureReason: start.failure ?? null,
        ...(start.status === "failed" ? { finishedAt: now } : {}),
        ...(autoApproved ? { decidedByKind: agent.kind, decidedById: agent.id, decidedByName: agent.name, decidedAt: now, decisionComment: start.notice } : {}),
        ...meta,
        updatedAt: now,
        version: sql`${agentPlans.version} + 1`,
      })
      .where(and(eq(agentPlans.id, planning.id), eq(agentPlans.status, "planning")))
      .returning();
    if (!row) throw new AppError("conflict:plan", "This plan changed while it was being planned.");
    const written: (string | null)[] = [];
    // A newer plan replaces the ones still waiting for a decision on the same incident.
    const older = row.incidentId
      ? await tx
          .update(agentPlans)
          .set({ status: "expired", failureReason: `Superseded by a newer plan (${row.id}).`, finishedAt: now, updatedAt: now, version: sql`${agentPlans.version} + 1` })
          .where(and(eq(agentPlans.incidentId, row.incidentId), eq(agentPlans.status, "awaiting_approval"), ne(agentPlans.id, row.id)))
          .returning()
      : [];
    for (const o of older) written.push(await record(tx, agent, o, { action: "agent.plan.expire", body: "The agent's earlier plan was superseded by a newer one.", data: { supersededBy: row.id } }));
    const what = steps.length ? stepsLine(steps) : "no action";
    const body =
      row.status === "failed"
        ? `${agent.name} found no action of the catalog to propose${dropped.length ? ` (dropped: ${dropped.length})` : ""}.`
        : row.status === "advisory"
          ? `${agent.name} proposed an advisory checklist: ${what}.`
          : `${agent.name} proposed a plan (${row.status === "approved" ? "approved automatically: low-risk, reversible" : "awaiting approval"}; risk ${risk.level}): ${what}.`;
    written.push(
      await record(tx, actor.kind === "system" ? agent : actor, row, {
        action: "agent.plan.create",
        body,
        data: { status: row.status, source: row.source, steps: steps.map((s) => ({ action: s.action, target: s.target })), dropped: dropped.length, provider: row.provider },
      }),
    );
    return { plan: row, entries: written, superseded: older };
  });
  for (const o of superseded) await announce(agent, o);
  await announce(actor, plan, entries);
  log.info({ planId: plan.id, status: plan.status, steps: steps.length, provider: plan.provider }, "plan ready");
  return plan;
}

/** The planner's plan for an incident (or, with `action`, the one catalog action a person picked). */
export async function requestPlan(db: Database, actor: Actor, incidentId: string, input: unknown = {}, options: PlanOptions & { source?: "planner" | "auto" } = {}): Promise<Result<AgentPlan>> {
  return toResult({ op: "agent.requestPlan", actor }, async () => {
    assertCan(actor, "incident:write");
    const id = parseInput(incidentIdSchema, incidentId);
    const body = parseInput(requestPlanSchema, input ?? {});
    const incident = await getIncidentById(db, { workspaceId: actor.workspaceId, id });
    if (!(openStatuses as readonly string[]).includes(incident.status)) {
      throw new AppError("conflict:incident", `${incidentKey(incident.number)} is ${incident.status}: plans are for open incidents. Reopen it first.`);
    }
    const now = options.now ?? new Date();
    const ctx = await loadContext(db, actor.workspaceId, { incident, simulationId: body.simulation_id }, now);
    if (body.action) {
      const draft = screenStep({ action: body.action, target: body.target ?? incident.service, parameters: body.parameters ?? {} }, screenContext(ctx));
      if ("field" in draft) refuse(draft.field, draft.message);
      return createPlan(db, actor, ctx, { kind: "manual", draft, by: actor.name }, now);
    }
    return createPlan(db, actor, ctx, { kind: "planner", source: options.source ?? "planner", options }, now);
  });
}

const systemNames: Record<string, string> = { postgres: "postgresql" };

/** Of the running drills that have a system, the one where it is in trouble: an incident on it, then failing, then the newest. */
function pickRun(runs: SimulationRow[], service: string): SimulationRow | undefined {
  const score = (r: SimulationRow) =>
    (r.state.incidents.some((i) => i.service === service || i.system === service) ? 2 : 0) + (r.state.unhealthy.some((u) => u === service || u.startsWith(`${service}-`)) ? 1 : 0);
  return [...runs].sort((a, b) => score(b) - score(a) || b.startedAt.getTime() - a.startedAt.getTime())[0];
}

/**
 * `POST /api/v1/systems/{system}/actions`: one catalog action on a system of the simulated world,
 * through the same plan, approval and verification as everything else. The plan is attached to the
 * open incident the drill opened for that system, when there is one.
 */
export async function proposeSystemAction(db: Database, actor: Actor, system: string, input: unknown, options: PlanOptions = {}): Promise<Result<AgentPlan>> {
  return toResult({ op: "agent.proposeSystemAction", actor }, async () => {
    assertCan(actor, "incident:write");
    const body = parseInput(systemActionSchema, input);
    if (!findAction(body.action)) refuse("action", `is not an action of the catalog (${Object.keys(catalog).join(", ")})`);
    const now = options.now ?? new Date();
    const service = systemNames[system.toLowerCase()] ?? system.toLowerCase();
    let incident: Incident | null = body.incident_id ? await getIncidentById(db, { workspaceId: actor.workspaceId, id: body.incident_id }) : null;
    // Which drill: the one named, else the incident's, else the one this system is failing in.
    const simulationId = body.simulation_id ?? (incident ? undefined : pickRun(await runningRunsWith(db, actor.workspaceId, service), service)?.id);
    let ctx = await loadContext(db, actor.workspaceId, { incident, simulationId, service }, now);
    if (!incident && ctx.run) {
      // The drill's open incident on that system, if it opened one.
      for (const ref of [...ctx.run.state.incidents].reverse()) {
        if (ref.system !== service && ref.service !== service && canonicalService(ref.service) !== canonicalService(service)) continue;
        const candidate = await getIncidentById(db, { workspaceId: actor.workspaceId, id: ref.id }).catch(() => null);
        if (candidate && (openStatuses as readonly string[]).includes(candidate.status)) {
          incident = candidate;
          ctx = await loadContext(db, actor.workspaceId, { incident, simulationId: ctx.run.id }, now);
          break;
        }
      }
    }
    if (!ctx.run) throw new AppError("conflict:world", `No running drill has "${service}": there is nothing to act on. Real systems need a connector that does not exist yet.`);
    const draft = screenStep({ action: body.action, target: service, parameters: body.parameters ?? {} }, screenContext(ctx));
    if ("field" in draft) refuse(draft.field, draft.message);
    return createPlan(db, actor, ctx, { kind: "manual", draft, by: actor.name }, now);
  });
}

/**
 * After a diagnosis: when the workspace turns it on, the agent plans for the incident by itself
 * (unless a plan is already waiting, running or being verified). Never throws: a failure is logged.
 */
export async function planAfterDiagnosis(db: Database, workspaceId: string, incidentId: string, options: PlanOptions = {}): Promise<AgentPlan | null> {
  try {
    const { readAgentSettings } = await import("./settings");
    if (!(await readAgentSettings(db, workspaceId)).autoPlanAfterDiagnosis) return null;
    const [busy] = await db
      .select({ id: agentPlans.id })
      .from(agentPlans)
      .where(and(eq(agentPlans.incidentId, incidentId), inArray(agentPlans.status, ["planning", "awaiting_approval", "approved", "executing", "verifying"])))
      .limit(1);
    if (busy) return null;
    const result = await requestPlan(db, agentActor(workspaceId), incidentId, {}, { ...options, source: "auto" });
    if (!result.ok && result.code !== "conflict:incident") log.warn({ incidentId, error: result.error }, "automatic plan after diagnosis failed");
    return result.ok ? result.data : null;
  } catch (err) {
    log.error({ err, incidentId }, "automatic plan after diagnosis failed");
    return null;
  }
}
