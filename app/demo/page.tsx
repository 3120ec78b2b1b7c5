import type { Metadata } from "next";
import { BoardScreen } from "@/components/board/board-screen";
import { DEMO_SLUG } from "@/lib/auth";
import { pageCaller } from "@/lib/api/caller";

export const metadata: Metadata = { title: "Board" };
export const dynamic = "force-dynamic";

type SearchParams = Record<string, string | string[] | undefined>;

export default async function DemoBoardPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) query.append(key, v);
  const caller = await pageCaller({ workspaceSlug: DEMO_SLUG, returnTo: query.size ? `/demo?${query}` : "/demo" });
  return <BoardScreen caller={caller} basePath="/demo" searchParams={params} />;
}
