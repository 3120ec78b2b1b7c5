import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CreateWorkspaceForm } from "@/components/auth/create-workspace-form";
import { sessionUser, sessionWorkspaces } from "@/lib/api/caller";

export const metadata: Metadata = { title: "Create a workspace" };
export const dynamic = "force-dynamic";

export default async function NewWorkspacePage() {
  const user = await sessionUser();
  if (!user) redirect("/sign-in?callbackUrl=%2Fnew-workspace");
  const mine = await sessionWorkspaces();
  return (
    <Card>
      <CardHeader>
        <CardTitle>{mine.length ? "Create another workspace" : `Welcome, ${user.name}`}</CardTitle>
        <CardDescription>
          {mine.length
            ? "A workspace has its own board, members and API keys."
            : "You are not in a workspace yet. Create one for your team (you will be its admin), or open an invite link from a colleague."}
        </CardDescription>
      </CardHeader>
      <CardContent>
        <CreateWorkspaceForm />
      </CardContent>
    </Card>
  );
}
