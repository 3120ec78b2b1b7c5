import Link from "next/link";
import { getDb } from "@/db";
import { Button } from "@/components/ui/button";
import { getCurrentActor, getSessionUser, listMyWorkspaces } from "@/lib/auth/current-actor";
import { getWorkspaceById } from "@/lib/workspaces/queries";
import { IdentityAvatar } from "./guest-avatar";
import { UserMenuClient } from "./user-menu-client";

/**
 * The header's identity: a signed-in user (with workspace switcher and sign-out) or the demo
 * visitor's anonymous animal (with a way to sign in).
 */
export async function UserMenu({ workspaceSlug }: { workspaceSlug?: string }) {
  const db = await getDb();
  const actor = await getCurrentActor(db, { workspaceSlug }).catch(() => null);
  if (actor?.kind === "guest") {
    return (
      <div className="flex items-center gap-2" data-testid="user-menu">
        <IdentityAvatar name={actor.name} color={actor.color} />
        <span className="hidden text-sm font-medium sm:inline" data-testid="guest-name">
          {actor.name}
        </span>
        <Button asChild size="sm" variant="outline">
          <Link href="/sign-in">Sign in</Link>
        </Button>
      </div>
    );
  }
  const user = await getSessionUser(db);
  if (!user) {
    return (
      <Button asChild size="sm" variant="outline" data-testid="user-menu">
        <Link href="/sign-in">Sign in</Link>
      </Button>
    );
  }
  const workspaces = await listMyWorkspaces(db);
  const current = actor ? await getWorkspaceById(db, actor.workspaceId) : undefined;
  return (
    <UserMenuClient
      user={{ name: user.name, email: user.email }}
      role={actor?.role}
      currentSlug={current?.slug}
      workspaces={workspaces.map((w) => ({ slug: w.slug, name: w.name, role: w.role }))}
    />
  );
}
