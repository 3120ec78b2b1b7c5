import type { Metadata } from "next";
import { RunbooksScreen } from "@/components/runbooks/runbooks-screen";
import { pageCaller } from "@/lib/api/caller";

export const metadata: Metadata = { title: "Runbooks" };
export const dynamic = "force-dynamic";

export default async function RunbooksPage() {
  return <RunbooksScreen caller={await pageCaller({ returnTo: "/runbooks" })} />;
}
