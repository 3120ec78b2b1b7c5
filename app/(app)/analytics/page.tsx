import type { Metadata } from "next";
import { AnalyticsScreen } from "@/components/analytics/analytics-screen";
import { pageCaller } from "@/lib/api/caller";

export const metadata: Metadata = { title: "Analytics" };
export const dynamic = "force-dynamic";

export default async function AnalyticsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  return <AnalyticsScreen caller={await pageCaller({ returnTo: "/analytics" })} basePath="" searchParams={await searchParams} />;
}
