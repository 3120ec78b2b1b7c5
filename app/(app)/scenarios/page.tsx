import type { Metadata } from "next";
import { requireCurrentWorkspace } from "@/components/app-shell/current-workspace";
import { ScenariosScreen } from "@/components/simulation/scenarios-screen";

export const metadata: Metadata = { title: "Scenarios" };
export const dynamic = "force-dynamic";

export default async function ScenariosPage() {
  const { workspace } = await requireCurrentWorkspace("/scenarios");
  return <ScenariosScreen workspaceSlug={workspace.slug} basePath="" />;
}
