import { getDemoWorkspace } from "./queries";
import type { Database } from "@/db/client";
import { DEMO_WORKSPACE, resetWorkspaceToSeed } from "@/lib/seed";
import { systemActor, type Actor } from "@/lib/auth/shared";
import { assertCan } from "@/lib/auth";
import { recordAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { publish } from "@/lib/realtime";
import { withJobLock } from "@/lib/scheduler/advisory-lock";
import { toResult, type Result } from "@/lib/result";

const log = logger("demo");

export const DEMO_RESET_JOB = "demo-reset";

async function demoWorkspaceId(db: Database): Promise<string> {
  const ws = await getDemoWorkspace(db);
  if (!ws) throw new AppError("not_found:workspace", `The demo workspace (${DEMO_WORKSPACE.slug}) does not exist.`);
  return ws.id;
}

/** Puts the demo workspace back to its sample incidents, on demand: admins of the demo workspace only. */
export async function resetDemoWorkspace(db: Database, actor: Actor): Promise<Result<{ workspaceId: string }>> {
  return toResult({ op: "workspaces.resetDemoWorkspace", actor }, async () => {
    const id = await demoWorkspaceId(db);
    if (actor.workspaceId !== id) throw new AppError("forbidden:workspace", "Only the demo workspace can be reset.");
    assertCan(actor, "workspace:admin");
    await db.transaction(async (tx) => {
      await resetWorkspaceToSeed(tx, id);
      await recordAudit(tx, actor, { action: "demo.reset", targetType: "workspace", targetId: id });
    });
    await publish(actor, { type: "workspace.reset" });
    return { workspaceId: id };
  });
}

/**
 * The scheduled reset (in-process scheduler or the cron route). The advisory lock makes sure only
 * one instance resets per tick; `ran: false` means another instance was doing it.
 */
export async function runScheduledDemoReset(db: Database): Promise<{ ran: boolean }> {
  const id = await demoWorkspaceId(db);
  const actor = systemActor(id, "Scheduled demo reset");
  const outcome = await withJobLock(db, DEMO_RESET_JOB, async (tx) => {
    await resetWorkspaceToSeed(tx, id);
    await recordAudit(tx, actor, { action: "demo.reset", targetType: "workspace", targetId: id, data: { scheduled: true } });
  });
  if (outcome.ran) {
    await publish(actor, { type: "workspace.reset" });
    log.info("demo workspace reset to its seed");
  }
  return { ran: outcome.ran };
}

/**
 * DEMO_RESET_CRON as an interval for the in-process scheduler. Accepts the usual shapes:
 * "@hourly", "@daily", "*\/N * * * *" (every N minutes), "0 * * * *", "0 *\/N * * *", "0 0 * * *",
 * a duration like "30m", "2h", "1d", or "off". Default: hourly.
 */
export function demoResetIntervalMs(spec: string | undefined): number | null {
  const s = (spec ?? "@hourly").trim().toLowerCase();
  if (s === "off" || s === "none" || s === "") return null;
  const minute = 60_000;
  const hour = 60 * minute;
  if (s === "@hourly" || s === "0 * * * *") return hour;
  if (s === "@daily" || s === "@midnight" || s === "0 0 * * *") return 24 * hour;
  let m = /^\*\/(\d+) \* \* \* \*$/.exec(s);
  if (m && Number(m[1]) > 0) return Number(m[1]) * minute;
  m = /^0 \*\/(\d+) \* \* \*$/.exec(s);
  if (m && Number(m[1]) > 0) return Number(m[1]) * hour;
  m = /^(\d+)\s*(m|h|d)$/.exec(s);
  if (m && Number(m[1]) > 0) return Number(m[1]) * { m: minute, h: hour, d: 24 * hour }[m[2] as "m" | "h" | "d"];
  throw new Error(
    `DEMO_RESET_CRON="${spec}" is not understood: use "@hourly", "@daily", "*/30 * * * *", "0 */6 * * *", "45m", "2h" or "off".`,
  );
}
