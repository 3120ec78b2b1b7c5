import { AppError } from "@/lib/errors";
import type { Role } from "@/db/schema";
import type { Actor, ApiKeyScope } from "./actor";
import { guestMay } from "./demo-policy";

/** What an actor may do. Each maps to the lowest role allowed and the API-key scope it needs. */
export const permissions = {
  "incident:read": { role: "viewer", scope: "read" },
  "incident:write": { role: "responder", scope: "write" },
  "incident:delete": { role: "responder", scope: "write" },
  "event:ingest": { role: "responder", scope: "ingest" },
  "diagnosis:run": { role: "responder", scope: "write" },
  "agent:approve": { role: "responder", scope: "write" },
  "simulation:run": { role: "responder", scope: "write" },
  "workspace:admin": { role: "admin", scope: "admin" },
  "runbook:write": { role: "responder", scope: "write" },
  "postmortem:write": { role: "responder", scope: "write" },
} as const satisfies Record<string, { role: Role; scope: ApiKeyScope }>;

export type Permission = keyof typeof permissions;

const rank: Record<Role, number> = { viewer: 0, responder: 1, admin: 2 };

/** Scopes imply the ones below them: admin ⊇ write ⊇ read; ingest stands alone (admin includes it). */
function scopeGrants(held: ApiKeyScope, needed: ApiKeyScope): boolean {
  if (held === needed || held === "admin") return true;
  return held === "write" && needed === "read";
}

export function can(actor: Actor, permission: Permission): boolean {
  const rule = permissions[permission];
  if (rank[actor.role] < rank[rule.role]) return false;
  if (actor.kind === "api_key") return (actor.scopes ?? []).some((s) => scopeGrants(s, rule.scope));
  if (actor.kind === "guest") return guestMay(permission);
  return true;
}

export function assertCan(actor: Actor, permission: Permission): void {
  if (can(actor, permission)) return;
  if (actor.kind === "api_key") {
    throw new AppError("forbidden:scope", `This API key lacks the "${permissions[permission].scope}" scope.`);
  }
  throw new AppError("forbidden:role", `Your role (${actor.role}) cannot do this: it needs ${permissions[permission].role} or above.`);
}
