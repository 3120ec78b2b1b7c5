import "server-only";
import { cookies, headers } from "next/headers";
import { z } from "zod";
import { getDb } from "@/db";
import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/shared";
import { actionCaller, sessionUser, type WorkspaceRef } from "@/lib/api/caller";
import { clientIp } from "@/lib/auth";
import { WORKSPACE_COOKIE, WORKSPACE_COOKIE_MAX_AGE } from "@/lib/api/session";
import type { PublicUser } from "@/lib/auth";
import { AppError } from "@/lib/errors";
import { failure, logUnexpected, parseInput, type Result } from "@/lib/result";

/**
 * The one way to write a server action. A wrapper resolves the caller, runs one domain function
 * (which validates its input, checks the role and returns a Result), and turns anything thrown on
 * the way (a database outage, a signed-out caller) into the same Result, logging what was not
 * expected once, with the operation and the actor. Actions are for mutations: the app's reads go
 * through server components and the /api/workspaces/{slug}/… routes.
 *
 *   export const moveIncidentAction = workspaceAction("incidents.move", ({ db, actor }, id: string, input: Move) =>
 *     changeIncidentStatus(db, actor, id, input));
 */
export type WorkspaceActionContext = { db: Database; actor: Actor; workspace: WorkspaceRef };
export type UserActionContext = { db: Database; user: PublicUser };
export type PublicActionContext = { db: Database; ip: string };

const slugSchema = z.string().trim().min(1, "is required").max(64, "is too long");

/** Runs an action body; `actor` tells who was acting when it failed (null before that is known). */
async function settle<T>(op: string, actor: () => Actor | null, run: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await run();
  } catch (e) {
    logUnexpected({ op, actor: actor() }, e);
    return failure(e);
  }
}

/** An action in a workspace: its first argument is the workspace's slug, checked against the caller's membership. */
export function workspaceAction<Args extends unknown[], T>(
  op: string,
  run: (ctx: WorkspaceActionContext, ...args: Args) => Promise<Result<T>>,
  options: { intent?: "read" | "write" } = {},
): (workspaceSlug: string, ...args: Args) => Promise<Result<T>> {
  return async (workspaceSlug, ...args) => {
    let actor: Actor | null = null;
    return settle(op, () => actor, async () => {
      const db = await getDb();
      const caller = await actionCaller(db, { workspaceSlug: parseInput(slugSchema, workspaceSlug), intent: options.intent ?? "write" });
      actor = caller.actor;
      return run({ db, ...caller }, ...args);
    });
  };
}

/** An action of the signed-in user outside any one workspace (create a workspace, accept an invite). */
export function userAction<Args extends unknown[], T>(
  op: string,
  run: (ctx: UserActionContext, ...args: Args) => Promise<Result<T>>,
): (...args: Args) => Promise<Result<T>> {
  return async (...args) =>
    settle(op, () => null, async () => {
      const user = await sessionUser();
      if (!user) throw new AppError("unauthorized:session", "Sign in to continue.");
      return run({ db: await getDb(), user }, ...args);
    });
}

/** An action anyone may call (sign-up); it gets the client's IP for its rate limits. */
export function publicAction<Args extends unknown[], T>(
  op: string,
  run: (ctx: PublicActionContext, ...args: Args) => Promise<Result<T>>,
): (...args: Args) => Promise<Result<T>> {
  return async (...args) => settle(op, () => null, async () => run({ db: await getDb(), ip: clientIp(await headers()) }, ...args));
}

/** Remembers the workspace the user works in (a preference: membership is checked on every request). */
export async function rememberWorkspace(slug: string): Promise<void> {
  (await cookies()).set(WORKSPACE_COOKIE, slug, { httpOnly: true, sameSite: "lax", path: "/", maxAge: WORKSPACE_COOKIE_MAX_AGE });
}
