import { eq } from "drizzle-orm";
import { simulationTopologies } from "@/db/schema";
import type { Database } from "@/db/client";
import { defaultTopology, type Topology } from "@/lib/topology";
import { serviceChannel } from "./shared";

export type ServiceMapping = { channel: string; oncall_group: string; engineers: string[] };

/** The workspace's topology as saved (the default shop when none is). */
export async function workspaceTopology(db: Database, workspaceId: string): Promise<Topology> {
  const [row] = await db.select({ topology: simulationTopologies.topology }).from(simulationTopologies).where(eq(simulationTopologies.workspaceId, workspaceId));
  return row ? (row.topology as unknown as Topology) : defaultTopology();
}

/** Each service's channel, on-call group and engineers: what the topology says, else `#<service>-oncall`. */
export function serviceMappings(topology: Topology): Map<string, ServiceMapping> {
  return new Map(
    topology.services.map((s) => {
      const d = serviceChannel(s.name);
      return [s.name, { channel: s.channel ?? d.channel, oncall_group: s.oncall_group ?? d.oncall_group, engineers: s.engineers ?? [] }];
    }),
  );
}

export function mappingFor(mappings: Map<string, ServiceMapping>, service: string): ServiceMapping {
  return mappings.get(service) ?? { ...serviceChannel(service), engineers: [] };
}
