import type { Metadata } from "next";
import { AnalyticsScreen } from "@/components/analytics/analytics-screen";
import { DEMO_SLUG } from "@/lib/auth";
import { pageCaller } from "@/lib/api/caller";

export const metadata: Metadata = { title: "Analytics" };
export const dynamic = "force-dynamic";

export default async function DemoAnalyticsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  return <AnalyticsScreen caller={await pageCaller({ workspaceSlug: DEMO_SLUG, returnTo: "/demo/analytics" })} basePath="/demo" searchParams={await searchParams} />;
}
