import Link from "next/link";
import { Button } from "@/components/ui/button";
import { currentCaller, sessionUser, sessionWorkspaces } from "@/lib/api/caller";
import { IdentityAvatar } from "./guest-avatar";
import { UserMenuClient } from "./user-menu-client";

/**
 * The header's identity: a signed-in user (with workspace switcher and sign-out) or the demo
 * visitor's anonymous animal (with a way to sign in).
 */
export async function UserMenu({ workspaceSlug }: { workspaceSlug?: string }) {
  const caller = await currentCaller(workspaceSlug);
  const actor = caller?.actor;
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
  const user = await sessionUser();
  if (!user) {
    return (
      <Button asChild size="sm" variant="outline" data-testid="user-menu">
        <Link href="/sign-in">Sign in</Link>
      </Button>
    );
  }
  const workspaces = await sessionWorkspaces();
  const current = caller?.workspace;
  return (
    <UserMenuClient
      user={{ name: user.name, email: user.email }}
      role={actor?.role}
      currentSlug={current?.slug}
      workspaces={workspaces.map((w) => ({ slug: w.slug, name: w.name, role: w.role }))}
    />
  );
}
