import type { Metadata } from "next";
import { AlertsScreen } from "@/components/alerts/alerts-screen";
import { pageCaller } from "@/lib/api/caller";

export const metadata: Metadata = { title: "Alerts" };
export const dynamic = "force-dynamic";

export default async function AlertsPage() {
  return <AlertsScreen caller={await pageCaller({ returnTo: "/alerts" })} basePath="" />;
}
