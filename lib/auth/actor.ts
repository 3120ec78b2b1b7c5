import type { ActorKind, Role } from "@/db/schema";

export const apiKeyScopes = ["ingest", "read", "write", "admin"] as const;
export type ApiKeyScope = (typeof apiKeyScopes)[number];

/**
 * Whoever is acting, resolved at the boundary (session, guest cookie, API key, or the system itself)
 * together with their role in the one workspace they act in. Every domain function takes one.
 */
export type Actor = {
  kind: ActorKind;
  /** User id, guest id, API key id; null for the system. */
  id: string | null;
  name: string;
  workspaceId: string;
  role: Role;
  /** API keys only: what the key may do. */
  scopes?: readonly ApiKeyScope[];
  /** Guests only: the colour of their anonymous animal. */
  color?: string;
};

/** The system acting in a workspace (seeders, schedulers, the simulator). */
export function systemActor(workspaceId: string, name = "Firedrill"): Actor {
  return { kind: "system", id: null, name, workspaceId, role: "admin" };
}
