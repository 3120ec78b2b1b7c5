import type { Metadata } from "next";
import { DrillsScreen } from "@/components/drills/drills-screen";
import { pageCaller } from "@/lib/api/caller";

export const metadata: Metadata = { title: "Game days" };
export const dynamic = "force-dynamic";

export default async function DrillsPage({ searchParams }: { searchParams: Promise<{ participant?: string }> }) {
  const { participant } = await searchParams;
  return <DrillsScreen caller={await pageCaller({ returnTo: "/drills" })} basePath="" participant={participant} />;
}
