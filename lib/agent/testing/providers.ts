import type { ProviderEntry } from "@/lib/diagnosis";
import { createOfflinePlannerModel, OFFLINE_PLANNER_ID } from "../planner/model";

/** The planner chain with the offline planner alone (no network, deterministic). */
export function offlineOnly(): ProviderEntry[] {
  return [{ id: "offline", model: OFFLINE_PLANNER_ID, languageModel: createOfflinePlannerModel() }];
}
