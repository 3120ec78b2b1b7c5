import type { Metadata } from "next";
import Link from "next/link";
import { Flame } from "lucide-react";
import { getDb } from "@/db";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { AcceptInviteButton } from "@/components/auth/accept-invite-button";
import { sessionUser } from "@/lib/api/caller";
import { lookupInvite } from "@/lib/workspaces";

export const metadata: Metadata = { title: "Invitation" };
export const dynamic = "force-dynamic";

const statusText = {
  accepted: "This invite has already been used.",
  revoked: "This invite was revoked. Ask an admin of the workspace for a new link.",
  expired: "This invite has expired. Ask an admin of the workspace for a new link.",
} as const;

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const db = await getDb();
  const invite = token.length <= 200 ? await lookupInvite(db, token) : undefined;
  const user = await sessionUser();
  const here = `/invite/${encodeURIComponent(token)}`;

  let body: React.ReactNode;
  if (!invite) {
    body = <p className="text-sm">This invite link is not valid. Check that you copied all of it.</p>;
  } else if (invite.status !== "pending") {
    body = <p className="text-sm">{statusText[invite.status]}</p>;
  } else if (!user) {
    body = (
      <div className="space-y-3">
        <p className="text-sm">
          Create an account (or sign in) as <strong>{invite.email}</strong> to join.
        </p>
        <Button asChild className="w-full">
          <Link href={`/sign-up?callbackUrl=${encodeURIComponent(here)}&email=${encodeURIComponent(invite.email)}`}>Create an account</Link>
        </Button>
        <Button asChild variant="outline" className="w-full">
          <Link href={`/sign-in?callbackUrl=${encodeURIComponent(here)}`}>I already have an account</Link>
        </Button>
      </div>
    );
  } else if (user.email.toLowerCase() !== invite.email.toLowerCase()) {
    body = (
      <p className="text-sm">
        This invite is for <strong>{invite.email}</strong>, but you are signed in as <strong>{user.email}</strong>. Sign out and sign in with the invited
        address.
      </p>
    );
  } else {
    body = <AcceptInviteButton token={token} workspaceName={invite.workspace.name} />;
  }

  return (
    <div className="bg-muted/40 flex min-h-screen flex-col items-center justify-center gap-6 p-6">
      <div className="flex items-center gap-2 text-lg font-semibold">
        <Flame className="text-orange-500" /> Firedrill
      </div>
      <Card className="w-full max-w-sm">
        <CardHeader>
          <CardTitle>{invite ? `Join ${invite.workspace.name}` : "Invitation"}</CardTitle>
          {invite ? (
            <CardDescription>
              {invite.invitedBy} invited you as <strong>{invite.role}</strong>.
            </CardDescription>
          ) : null}
        </CardHeader>
        <CardContent>{body}</CardContent>
      </Card>
    </div>
  );
}
