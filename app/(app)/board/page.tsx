import type { Metadata } from "next";
import { BoardScreen } from "@/components/board/board-screen";
import { getCurrentWorkspace } from "@/components/app-shell/current-workspace";

export const metadata: Metadata = { title: "Board" };

export default async function BoardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { workspace } = await getCurrentWorkspace();
  return <BoardScreen workspaceSlug={workspace.slug} basePath="" searchParams={searchParams} />;
}
