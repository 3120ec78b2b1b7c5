import type { Metadata } from "next";
import { PostmortemScreen } from "@/components/postmortems/postmortem-screen";
import { pageCaller } from "@/lib/api/caller";

export const metadata: Metadata = { title: "Post-mortem" };
export const dynamic = "force-dynamic";

export default async function PostmortemPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const caller = await pageCaller({ returnTo: `/incidents/${encodeURIComponent(id)}/postmortem` });
  return <PostmortemScreen caller={caller} incidentId={id} basePath="" />;
}
