import type { Metadata } from "next";
import { ScenariosScreen } from "@/components/simulation/scenarios-screen";
import { requireDemoVisitor } from "@/lib/auth/current-actor";

export const metadata: Metadata = { title: "Scenarios" };
export const dynamic = "force-dynamic";

export default async function DemoScenariosPage() {
  await requireDemoVisitor("/demo/scenarios");
  return <ScenariosScreen workspaceSlug="demo" basePath="/demo" />;
}
