import type { Metadata } from "next";
import { BoardScreen } from "@/components/board/board-screen";
import { pageCaller } from "@/lib/api/caller";

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
  const caller = await pageCaller({ returnTo: currentPath(params) });
  return <BoardScreen caller={caller} basePath="" searchParams={params} />;
}
