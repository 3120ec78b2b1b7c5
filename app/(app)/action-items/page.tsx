import type { Metadata } from "next";
import { ActionItemsScreen } from "@/components/postmortems/action-items-screen";
import { pageCaller } from "@/lib/api/caller";

export const metadata: Metadata = { title: "Action items" };
export const dynamic = "force-dynamic";

export default async function ActionItemsPage() {
  return <ActionItemsScreen caller={await pageCaller({ returnTo: "/action-items" })} basePath="" />;
}
