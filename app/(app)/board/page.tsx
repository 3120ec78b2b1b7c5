import type { Metadata } from "next";
import { BoardScreen } from "@/components/board/board-screen";
import { requireCurrentWorkspace } from "@/components/app-shell/current-workspace";

export const metadata: Metadata = { title: "Board" };

type SearchParams = Record<string, string | string[] | undefined>;

function currentPath(params: SearchParams): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) query.append(key, v);
  }
  const qs = query.toString();
  return qs ? `/board?${qs}` : "/board";
}

export default async function BoardPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const { workspace } = await requireCurrentWorkspace(currentPath(params));
  return <BoardScreen workspaceSlug={workspace.slug} basePath="" searchParams={params} />;
}
