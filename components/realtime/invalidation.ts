import type { QueryClient, QueryKey } from "@tanstack/react-query";
import type { RealtimeMessage } from "@/lib/realtime/shared";
import { queryKeys } from "@/lib/query-keys";

export type Invalidation = { queryKey: QueryKey; exact?: boolean };

/** Which cached queries a message makes stale. Payloads carry ids only, so the data is refetched. */
export function planInvalidation(slug: string, message: RealtimeMessage): Invalidation[] {
  const board = [{ queryKey: queryKeys.board(slug) }, { queryKey: queryKeys.facets(slug) }];
  switch (message.type) {
    case "incident.created":
      return board;
    case "incident.updated":
    case "incident.deleted":
      // The whole incident subtree: a status change also writes history and timeline rows.
      return [...board, { queryKey: queryKeys.incident(slug, message.incidentId) }];
    case "incident.timeline":
      return [{ queryKey: queryKeys.incidentTimeline(slug, message.incidentId) }, { queryKey: queryKeys.incident(slug, message.incidentId), exact: true }];
    case "incident.events":
      return [
        { queryKey: queryKeys.board(slug) },
        { queryKey: queryKeys.incidentEvents(slug, message.incidentId) },
        { queryKey: queryKeys.incident(slug, message.incidentId), exact: true },
      ];
    case "diagnosis.finished":
      return [{ queryKey: queryKeys.incidentDiagnoses(slug, message.incidentId) }, { queryKey: queryKeys.incidentTimeline(slug, message.incidentId) }];
    case "agent.step":
      // The plan on its incident's panel (and the timeline it writes to), and every list of plans (inbox, badge).
      return [
        { queryKey: queryKeys.agent(slug) },
        ...(message.incidentId
          ? [{ queryKey: queryKeys.incidentAgent(slug, message.incidentId) }, { queryKey: queryKeys.incidentTimeline(slug, message.incidentId) }]
          : []),
      ];
    case "simulation.updated":
      return [{ queryKey: queryKeys.simulations(slug) }, { queryKey: queryKeys.systemsHealth(slug) }];
    case "sla.crossed":
      return [{ queryKey: queryKeys.slaAlerts(slug) }, { queryKey: queryKeys.incidentTimeline(slug, message.incidentId) }];
    case "runbook.updated":
      return [
        { queryKey: queryKeys.runbooks(slug) },
        ...(message.incidentId ? [{ queryKey: queryKeys.incidentRunbooks(slug, message.incidentId) }, { queryKey: queryKeys.incidentTimeline(slug, message.incidentId) }] : []),
      ];
    case "postmortem.updated":
      return [{ queryKey: queryKeys.incidentPostmortem(slug, message.incidentId) }, { queryKey: queryKeys.actionItems(slug) }];
    case "generator.updated":
      return [{ queryKey: queryKeys.generator(slug) }];
    case "workspace.reset":
      return [{ queryKey: queryKeys.all(slug) }];
    case "notification.created":
      return [{ queryKey: queryKeys.notifications(slug) }];
    case "oncall.updated":
      return message.incidentId
        ? [
            { queryKey: queryKeys.incidentOncall(slug, message.incidentId) },
            { queryKey: queryKeys.incidentTimeline(slug, message.incidentId) },
            { queryKey: queryKeys.notifications(slug) },
            { queryKey: queryKeys.board(slug) },
          ]
        : [{ queryKey: queryKeys.oncall(slug) }];
    default:
      return [{ queryKey: queryKeys.all(slug) }];
  }
}

/** Versions of `incidentId` found in cached data (board cards, the incident payload), a few levels deep. */
function versionsIn(data: unknown, incidentId: string, depth = 0, found: number[] = []): number[] {
  if (depth > 4 || data === null || typeof data !== "object") return found;
  if (Array.isArray(data)) {
    for (const item of data) versionsIn(item, incidentId, depth + 1, found);
    return found;
  }
  const record = data as Record<string, unknown>;
  if (record.id === incidentId && typeof record.version === "number") {
    found.push(record.version);
    return found;
  }
  for (const value of Object.values(record)) versionsIn(value, incidentId, depth + 1, found);
  return found;
}

/**
 * True when this tab already shows the change: the echo of its own write, whose result put the new
 * version into the cache. Refetching then would only risk undoing an optimistic move.
 */
export function alreadyApplied(client: QueryClient, slug: string, message: RealtimeMessage): boolean {
  if (message.type !== "incident.updated" && message.type !== "incident.created") return false;
  const boardQueries = client.getQueryCache().findAll({ queryKey: queryKeys.board(slug) });
  const incidentQuery = client.getQueryCache().find({ queryKey: queryKeys.incident(slug, message.incidentId), exact: true });
  const queries = [...boardQueries, ...(incidentQuery ? [incidentQuery] : [])];
  if (queries.length === 0) return false;
  return queries.every((q) => {
    const versions = versionsIn(q.state.data, message.incidentId);
    // A board view without the card may need it now (a filter may match); an incident view must be current.
    return versions.length > 0 && versions.every((v) => v >= message.version);
  });
}
