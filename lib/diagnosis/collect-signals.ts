import type { Database } from "@/db/client";
import type { Incident } from "@/db/schema";
import { listEventsForIncident } from "@/lib/intake";
import { getWorkspaceWorld } from "@/lib/simulation";
import { dependencyMap, type DependencyMap } from "@/lib/topology";
import { buildSignals, defaultDependencyMap, isRecord, MAX_EVENTS, type IncidentSignals } from "./signals";

/**
 * Reading an incident's signals from the database (its events through intake's own query, the
 * workspace's topology). Kept apart from signals.ts, which is pure and also runs in scripts.
 */
export type EventsLoader = (
  db: Database,
  where: { workspaceId: string; incidentId: string; limit: number },
) => Promise<{ id: string; service: string; level: string; message: string; timestamp: Date; attributes: unknown }[]>;

/** The incident's events, newest first, through intake's own query. */
export const loadIncidentEvents: EventsLoader = (db, where) => listEventsForIncident(db, where);

export async function collectSignals(
  db: Database,
  incident: Incident,
  options: { topology?: DependencyMap; loadEvents?: EventsLoader } = {},
): Promise<IncidentSignals> {
  const topology = options.topology ?? (await workspaceDependencyMap(db, incident.workspaceId));
  const rows = await (options.loadEvents ?? loadIncidentEvents)(db, {
    workspaceId: incident.workspaceId,
    incidentId: incident.id,
    limit: MAX_EVENTS,
  });
  return buildSignals(
    {
      title: incident.title,
      description: incident.description,
      service: incident.service,
      severity: incident.severity,
      affectedSystems: incident.affectedSystems,
      metadata: incident.metadata,
      eventCount: incident.eventCount,
      reportedAt: incident.createdAt,
    },
    rows.map((r) => ({
      id: r.id,
      service: r.service,
      level: r.level,
      message: r.message,
      timestamp: r.timestamp.toISOString(),
      attributes: isRecord(r.attributes) ? r.attributes : undefined,
    })),
    topology,
  );
}

/** The workspace's topology (Settings → Topology) as a dependency map, else the default one. */
async function workspaceDependencyMap(db: Database, workspaceId: string): Promise<DependencyMap> {
  try {
    return dependencyMap((await getWorkspaceWorld(db, workspaceId)).topology, { services: 100, dependencies: 30 });
  } catch {
    return defaultDependencyMap();
  }
}
