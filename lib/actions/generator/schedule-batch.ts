"use server";

import { cancelBatch, scheduleBatch } from "@/lib/generator";
import type { BatchInput } from "@/lib/generator/shared";
import { workspaceAction } from "@/lib/actions/define";

/** Queues a batch of generated incidents at an interval. */
export const scheduleBatchAction = workspaceAction("generator.batch", ({ db, actor }, input: BatchInput) => scheduleBatch(db, actor, input));

/** Drops the queued batch. */
export const cancelBatchAction = workspaceAction("generator.cancelBatch", ({ db, actor }) => cancelBatch(db, actor));
