import type { Metadata } from "next";
import { ApprovalsScreen } from "@/components/agent/approvals-screen";
import { pageCaller } from "@/lib/api/caller";

export const metadata: Metadata = { title: "Approvals" };
export const dynamic = "force-dynamic";

export default async function ApprovalsPage() {
  return <ApprovalsScreen caller={await pageCaller({ returnTo: "/approvals" })} basePath="" />;
}
