import { eq, sql } from "drizzle-orm";
import { events, incidents, workspaces } from "@/db/schema";
import type { Database } from "@/db/client";
import { systemActor } from "@/lib/auth/shared";
import { insertIncident } from "@/lib/incidents";
import { applyStatusChange } from "@/lib/incidents";
import { createIncidentSchema } from "@/lib/incidents/shared";
import { insertWorkspace } from "@/lib/workspaces";
import { sampleIncidents } from "./sample-incidents";

export const DEFAULT_WORKSPACE = { slug: "acme", name: "Acme Shop" } as const;
export const DEMO_WORKSPACE = { slug: "demo", name: "Firedrill Demo" } as const;

/** Writes the sample incidents into a workspace, as they would have happened (history included). */
export async function seedSampleIncidents(tx: Database, workspaceId: string, now = new Date()): Promise<void> {
  const actor = systemActor(workspaceId, "Firedrill seed");
  for (const sample of sampleIncidents) {
    const openedAt = new Date(now.getTime() - sample.minutesAgo * 60_000);
    const draft = createIncidentSchema.parse({
      title: sample.title,
      description: sample.description,
      service: sample.service,
      team: sample.team,
      severity: sample.severity,
      status: "triage",
      affectedSystems: sample.affectedSystems,
      incidentType: sample.incidentType ?? "real",
      metadata: sample.metadata ?? {},
      notes: sample.notes ?? "",
      generatedBy: "seed",
    });
    const row = await insertIncident(tx, actor, {
      ...draft,
      source: "seed",
      eventCount: sample.eventCount,
      firstEventAt: openedAt,
      lastEventAt: new Date(openedAt.getTime() + Math.min(sample.minutesAgo, 30) * 60_000),
      createdAt: openedAt,
    });
    // The signals behind the incident, so its events list and the diagnosis have real log lines.
    const firstAt = openedAt.getTime();
    const span = Math.max(60_000, Math.min(sample.minutesAgo, 30) * 60_000);
    await tx.insert(events).values(
      Array.from({ length: sample.eventCount }, (_, i) => {
        const line = sample.logs[i % sample.logs.length];
        return {
          workspaceId,
          incidentId: row.id,
          service: sample.service,
          level: line.level,
          message: line.message,
          timestamp: new Date(firstAt + Math.floor((span * i) / sample.eventCount)),
          source: "generic",
        };
      }),
    );
    const path: Record<string, Array<"investigating" | "fixing" | "resolved" | "closed">> = {
      triage: [],
      investigating: ["investigating"],
      fixing: ["investigating", "fixing"],
      resolved: ["investigating", "fixing", "resolved"],
      closed: ["investigating", "fixing", "resolved", "closed"],
    };
    let at = openedAt.getTime();
    const step = (sample.minutesAgo * 60_000) / (path[sample.status].length + 1);
    for (const status of path[sample.status]) {
      at += step;
      await applyStatusChange(tx, actor, row.id, { status, at: new Date(at) });
    }
  }
}

/**
 * On a fresh database: the default team workspace and the public demo workspace, each with sample
 * incidents. Idempotent: does nothing once any workspace exists.
 */
export async function ensureSeeded(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    // Serialise concurrent first starts (several instances on one PostgreSQL).
    await tx.execute(sql`select pg_advisory_xact_lock(727275)`);
    const [{ count }] = await tx.select({ count: sql<number>`count(*)::int` }).from(workspaces);
    if (Number(count) > 0) return;
    const team = await insertWorkspace(tx, { ...DEFAULT_WORKSPACE, kind: "team" });
    await seedSampleIncidents(tx, team.id);
    const demo = await insertWorkspace(tx, { ...DEMO_WORKSPACE, kind: "demo" });
    await seedSampleIncidents(tx, demo.id);
  });
}

/** Puts a workspace back to its seed: all incidents (and what hangs off them) removed, samples rewritten. */
export async function resetWorkspaceToSeed(tx: Database, workspaceId: string): Promise<void> {
  // Events carry no foreign key (see db/schema/intake.ts): the log goes with the incidents.
  await tx.delete(events).where(eq(events.workspaceId, workspaceId));
  await tx.delete(incidents).where(eq(incidents.workspaceId, workspaceId));
  await tx.update(workspaces).set({ incidentSeq: 0 }).where(eq(workspaces.id, workspaceId));
  await seedSampleIncidents(tx, workspaceId);
}
