import type { Metadata } from "next";
import { pageCaller } from "@/lib/api/caller";
import { ScenariosScreen } from "@/components/simulation/scenarios-screen";

export const metadata: Metadata = { title: "Scenarios" };
export const dynamic = "force-dynamic";

export default async function ScenariosPage() {
  return <ScenariosScreen caller={await pageCaller({ returnTo: "/scenarios" })} basePath="" />;
}
