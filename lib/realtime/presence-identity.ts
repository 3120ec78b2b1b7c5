import type { Actor } from "@/lib/auth/shared";

/** Presence identity: one entry per person, however many tabs they have open. */
export function memberOf(actor: Actor): { memberId: string; kind: string; name: string; color: string | null } {
  return { memberId: `${actor.kind}:${actor.id ?? "system"}`, kind: actor.kind, name: actor.name, color: actor.color ?? null };
}
