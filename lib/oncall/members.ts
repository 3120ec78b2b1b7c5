import { and, eq, inArray } from "drizzle-orm";
import { memberships, users } from "@/db/schema";
import type { Database } from "@/db/client";
import { AppError } from "@/lib/errors";
import type { MemberView } from "./shared";

export async function workspaceMembers(db: Database, workspaceId: string): Promise<MemberView[]> {
  return db
    .select({ userId: users.id, name: users.name, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, workspaceId))
    .orderBy(users.name);
}

/** 422 naming `field` unless every id is a member of the workspace. */
export async function assertMembers(db: Database, workspaceId: string, ids: string[], field: string): Promise<void> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return;
  const found = await db
    .select({ id: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), inArray(memberships.userId, unique)));
  if (found.length !== unique.length) {
    throw new AppError("unprocessable:member", "Only members of this workspace can be assigned.", { issues: [{ path: field, message: "is not a member of this workspace" }] });
  }
}

export async function namesOf(db: Database, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}
