import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { pageCaller } from "@/lib/api/caller";
import { getWorkspaceById, listMembersOf } from "@/lib/workspaces";

export const metadata: Metadata = { title: "Settings" };
export const dynamic = "force-dynamic";

const roleText = {
  admin: "You can manage members, API keys and settings, and do everything responders do.",
  responder: "You can create, edit and move incidents, run diagnoses and start drills.",
  viewer: "You can see everything in this workspace but not change it.",
} as const;

export default async function SettingsPage() {
  const { actor, workspace: current } = await pageCaller({ returnTo: "/settings" });
  const db = await getDb();
  const [workspace, members] = await Promise.all([getWorkspaceById(db, current.id), listMembersOf(db, current.id)]);
  if (!workspace) notFound();
  return (
    <Card>
      <CardHeader>
        <CardTitle>{workspace.name}</CardTitle>
        <CardDescription>
          Address <code className="font-mono">{workspace.slug}</code> · {members.length} member{members.length === 1 ? "" : "s"} · created{" "}
          {workspace.createdAt.toISOString().slice(0, 10)}
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-2 text-sm">
        <p>
          Your role: <strong>{actor.role}</strong>. {roleText[actor.role]}
        </p>
        <p className="text-muted-foreground">
          REST calls from scripts use an API key (<code className="font-mono">Authorization: Bearer fd_live_…</code>); admins create them under API keys.
        </p>
      </CardContent>
    </Card>
  );
}
