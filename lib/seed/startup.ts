import { getDb } from "@/db";
import { env } from "@/env";
import { ensureSeeded } from "./workspaces";

/** At start-up: an empty database gets the team and demo workspaces with sample incidents (SEED_ON_START=off skips it). */
export async function onServerStart(): Promise<void> {
  if (env().SEED_ON_START === "on") await ensureSeeded(await getDb());
}
