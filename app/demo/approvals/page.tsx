import type { Metadata } from "next";
import { ApprovalsScreen } from "@/components/agent/approvals-screen";
import { DEMO_SLUG } from "@/lib/auth";
import { pageCaller } from "@/lib/api/caller";

export const metadata: Metadata = { title: "Approvals" };
export const dynamic = "force-dynamic";

export default async function DemoApprovalsPage() {
  return <ApprovalsScreen caller={await pageCaller({ workspaceSlug: DEMO_SLUG, returnTo: "/demo/approvals" })} basePath="/demo" />;
}
