import type { Metadata } from "next";
import { getDb } from "@/db";
import { OncallScreen } from "@/components/oncall/oncall-screen";
import { pageCaller } from "@/lib/api/caller";
import { oncallOverview } from "@/lib/oncall";

export const metadata: Metadata = { title: "On-call" };
export const dynamic = "force-dynamic";

export default async function OncallPage() {
  const { actor, workspace } = await pageCaller({ returnTo: "/oncall" });
  const initial = await oncallOverview(await getDb(), actor.workspaceId);
  return <OncallScreen workspaceSlug={workspace.slug} initial={initial} canAdmin={actor.role === "admin" && actor.kind === "user"} />;
}
