import { and, asc, eq } from "drizzle-orm";
import { agentPlans, diagnoses, incidentStatusHistory, slaCrossings, timelineEntries, workspaces, type Incident, type PostmortemSection, type PostmortemTimelineRow } from "@/db/schema";
import type { Database } from "@/db/client";
import { computeSla, describeClock, formatMinutes, incidentKey, resolveSlaPolicy } from "@/lib/incidents/shared";
import { getWorkspaceWorld } from "@/lib/simulation";
import { dependencyMap, dependentsOf } from "@/lib/topology";
import { sectionTitles } from "./shared";

const statusWords: Record<string, string> = {
  triage: "Moved back to triage",
  investigating: "Acknowledged: investigation started",
  fixing: "Fix in progress",
  resolved: "Resolved: service restored",
  closed: "Closed",
};

type TopHypothesis = { title: string; cause: string; category: string; explanation: string; confidence: number; evidence: { source: string; detail?: string; ref?: string }[] };

function durationText(ms: number): string {
  return formatMinutes(Math.max(0, Math.round(ms / 60_000)));
}

/**
 * The first draft of a report, from what the incident recorded and nothing else: its status history,
 * timeline (notes, actions, SLA crossings), diagnoses and the agent's executed steps give the
 * timeline with real times; the latest diagnosis's first hypothesis (with its evidence) the root
 * cause; the topology the dependents; the SLA policy whether targets were met. Sections the data
 * cannot fill say so instead of guessing. Every section is a draft until a person accepts or edits it.
 */
export async function draftPostmortem(db: Database, incident: Incident): Promise<{ sections: PostmortemSection[]; timeline: PostmortemTimelineRow[] }> {
  const ws = incident.workspaceId;
  const [history, entries, diags, plans, crossings, [workspace], world] = await Promise.all([
    db.select().from(incidentStatusHistory).where(and(eq(incidentStatusHistory.workspaceId, ws), eq(incidentStatusHistory.incidentId, incident.id))).orderBy(asc(incidentStatusHistory.createdAt)),
    db.select().from(timelineEntries).where(and(eq(timelineEntries.workspaceId, ws), eq(timelineEntries.incidentId, incident.id))).orderBy(asc(timelineEntries.createdAt)),
    db.select().from(diagnoses).where(and(eq(diagnoses.workspaceId, ws), eq(diagnoses.incidentId, incident.id))).orderBy(asc(diagnoses.createdAt)),
    db.select().from(agentPlans).where(and(eq(agentPlans.workspaceId, ws), eq(agentPlans.incidentId, incident.id))).orderBy(asc(agentPlans.createdAt)),
    db.select().from(slaCrossings).where(and(eq(slaCrossings.workspaceId, ws), eq(slaCrossings.incidentId, incident.id))),
    db.select({ settings: workspaces.settings }).from(workspaces).where(eq(workspaces.id, ws)),
    getWorkspaceWorld(db, ws),
  ]);

  // Timeline: every dated fact, in order.
  const rows: PostmortemTimelineRow[] = [];
  if (incident.firstEventAt && incident.firstEventAt < incident.createdAt) rows.push({ at: incident.firstEventAt.toISOString(), kind: "signal", text: "First signal received", actor: incident.source });
  rows.push({ at: incident.createdAt.toISOString(), kind: "detected", text: `Detected: incident opened (${incident.source})`, actor: incident.createdByName });
  for (const h of history) {
    if (h.fromStatus === null) continue;
    rows.push({ at: h.createdAt.toISOString(), kind: "status", text: `${statusWords[h.toStatus] ?? h.toStatus}${h.reason ? ` (${h.reason})` : ""}`, actor: h.actorName });
  }
  for (const d of diags) {
    const top = firstHypothesis(d.diagnosis);
    rows.push({
      at: d.createdAt.toISOString(),
      kind: "diagnosed",
      text: d.abstained || !top ? `Diagnosis (${d.provider}) abstained: no signal supported a cause` : `Diagnosed (${d.provider}): ${top.title} [${d.category}, ${Math.round(top.confidence * 100)} %]`,
      actor: d.requestedByName,
    });
  }
  for (const p of plans) {
    for (const s of p.steps) {
      if (!s.finished_at || (s.status !== "done" && s.status !== "failed" && s.status !== "rolled_back")) continue;
      rows.push({ at: s.finished_at, kind: "agent_step", text: `Agent step ${s.status === "done" ? "done" : s.status}: ${s.action} on ${s.target}`, actor: p.decidedByName ? `approved by ${p.decidedByName}` : "SRE agent" });
    }
  }
  for (const e of entries) {
    if (e.kind === "note") rows.push({ at: e.createdAt.toISOString(), kind: "note", text: `Note: ${oneLine(e.body)}`, actor: e.authorName });
    else if (e.kind === "action" && !e.data?.agent) rows.push({ at: e.createdAt.toISOString(), kind: "action", text: oneLine(e.body), actor: e.authorName });
  }
  for (const c of crossings) {
    rows.push({ at: c.crossedAt.toISOString(), kind: "sla", text: `${c.clock === "response" ? "Response" : "Resolution"} SLA ${c.level === "breach" ? "breached" : "at 75 %"}`, actor: null });
  }
  if (incident.resolvedAt && !history.some((h) => h.toStatus === "resolved")) rows.push({ at: incident.resolvedAt.toISOString(), kind: "status", text: "Resolved: service restored", actor: null });
  rows.sort((a, b) => a.at.localeCompare(b.at));

  // Root cause: the latest diagnosis that named one.
  const named = [...diags].reverse().find((d) => !d.abstained && firstHypothesis(d.diagnosis));
  const top = named ? firstHypothesis(named.diagnosis)! : null;
  const rootCause = top
    ? [
        `**${top.title}** (${top.category}; ${Math.round(top.confidence * 100)} % confidence, diagnosed by ${named!.provider} at ${named!.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC)`,
        "",
        top.explanation,
        ...(top.evidence.length ? ["", "Evidence:", ...top.evidence.map((e) => `- ${e.source}: ${e.detail ?? e.ref ?? ""}`.trimEnd())] : []),
      ].join("\n")
    : "No diagnosis named a cause for this incident. Write the root cause as the responders established it.";

  // Impact.
  const end = incident.resolvedAt ?? new Date();
  const policy = resolveSlaPolicy(workspace?.settings);
  const sla = computeSla(incident, policy, end);
  const map = dependencyMap(world.topology);
  const affected = [...new Set([incident.service, ...incident.affectedSystems])];
  const dependents = [...new Set(affected.flatMap((s) => dependentsOf(map, s)))].filter((s) => !affected.includes(s));
  const impact = [
    `- Duration: ${durationText(end.getTime() - incident.createdAt.getTime())} (${incident.createdAt.toISOString().slice(0, 16).replace("T", " ")} to ${end.toISOString().slice(0, 16).replace("T", " ")} UTC)`,
    `- Severity: ${incident.severity}`,
    `- Services affected: ${affected.join(", ")}`,
    `- Dependent services (from the topology): ${dependents.length ? dependents.join(", ") : "none known"}`,
    `- Events received: ${incident.eventCount}`,
    `- Response SLA (${formatMinutes(sla.response.targetMinutes)}): ${sla.response.state === "breached" ? "breached" : sla.response.state === "met" ? "met" : "not acknowledged"}, ${describeClock(sla.response)}`,
    `- Resolution SLA (${formatMinutes(sla.resolution.targetMinutes)}): ${sla.resolution.state === "breached" ? "breached" : "met"}, ${describeClock(sla.resolution)}`,
    "- Users affected: not recorded",
  ].join("\n");

  // Resolution: who moved it to resolved, what the agent executed, what responders did.
  const resolvedBy = [...history].reverse().find((h) => h.toStatus === "resolved");
  const executed = plans.filter((p) => p.executedAt);
  const actions = entries.filter((e) => e.kind === "action" && !e.data?.agent);
  const resolution = [
    resolvedBy ? `Resolved by ${resolvedBy.actorName} at ${resolvedBy.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC${resolvedBy.reason ? ` (${resolvedBy.reason})` : ""}.` : "The incident was resolved without a recorded status change.",
    ...(executed.length
      ? ["", "Remediation executed:", ...executed.flatMap((p) => p.steps.filter((s) => s.status === "done").map((s) => `- ${s.action} on ${s.target}${p.decidedByName ? ` (approved by ${p.decidedByName})` : ""}`))]
      : []),
    ...(actions.length ? ["", "Actions recorded:", ...actions.map((a) => `- ${oneLine(a.body)} (${a.authorName})`)] : []),
  ].join("\n");

  const summary = [
    `${incidentKey(incident.number)} "${incident.title}": a ${incident.severity} incident on ${incident.service}, open for ${durationText(end.getTime() - incident.createdAt.getTime())}.`,
    incident.description ? `\n${incident.description}` : "",
    top ? `\nMost likely cause: ${top.title}.` : "",
  ].join("");

  const section = (key: PostmortemSection["key"], body: string, origin: PostmortemSection["origin"] = "data"): PostmortemSection => ({ key, title: sectionTitles[key], body, origin, accepted: false });
  return {
    timeline: rows,
    sections: [
      section("summary", summary),
      section("timeline", ""),
      section("root_cause", rootCause),
      section("impact", impact),
      section("resolution", resolution),
      { key: "action_items", title: sectionTitles.action_items, body: "", origin: "person", accepted: true },
      { key: "lessons_learned", title: sectionTitles.lessons_learned, body: "", origin: "person", accepted: true },
    ],
  };
}

function oneLine(s: string): string {
  const line = s.replace(/\s+/g, " ").trim();
  return line.length > 200 ? `${line.slice(0, 197)}…` : line;
}

function firstHypothesis(doc: Record<string, unknown>): TopHypothesis | null {
  const list = (doc as { hypotheses?: TopHypothesis[] }).hypotheses;
  return Array.isArray(list) && list.length > 0 ? { ...list[0], evidence: Array.isArray(list[0].evidence) ? list[0].evidence : [] } : null;
}
