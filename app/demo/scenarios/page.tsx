import type { Metadata } from "next";
import { ScenariosScreen } from "@/components/simulation/scenarios-screen";
import { DEMO_SLUG } from "@/lib/auth";
import { pageCaller } from "@/lib/api/caller";

export const metadata: Metadata = { title: "Scenarios" };
export const dynamic = "force-dynamic";

export default async function DemoScenariosPage() {
  return <ScenariosScreen caller={await pageCaller({ workspaceSlug: DEMO_SLUG, returnTo: "/demo/scenarios" })} basePath="/demo" />;
}
