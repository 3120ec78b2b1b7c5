"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson, retryUnless4xx, workspaceUrl } from "@/lib/api/client";
import type { GeneratorStatus } from "@/lib/generator/shared";
import { queryKeys } from "@/lib/query-keys";

/** The generator's status, refreshed by `generator.updated` and every half minute (the next-run countdown). */
export function useGenerator(workspaceSlug: string, initial?: GeneratorStatus) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: queryKeys.generator(workspaceSlug),
    queryFn: () => fetchJson<GeneratorStatus>(workspaceUrl(workspaceSlug, "generator")),
    initialData: initial,
    retry: retryUnless4xx,
    refetchInterval: 30_000,
  });
  const set = (s: GeneratorStatus) => queryClient.setQueryData(queryKeys.generator(workspaceSlug), s);
  return { ...query, set };
}

/** "in 3 min", "in 40 s", "due" for a future time. */
export function untilText(iso: string | null, now = Date.now()): string | null {
  if (!iso) return null;
  const s = Math.round((new Date(iso).getTime() - now) / 1000);
  if (s <= 0) return "due";
  if (s < 90) return `in ${s} s`;
  return `in ${Math.round(s / 60)} min`;
}
