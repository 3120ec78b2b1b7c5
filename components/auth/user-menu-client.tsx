"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { signOut } from "next-auth/react";
import { Check, LogOut, Plus, Settings } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { switchWorkspace } from "@/lib/actions/workspaces/switch-workspace";
import { IdentityAvatar } from "./guest-avatar";

type Props = {
  user: { name: string; email: string };
  role?: string;
  currentSlug?: string;
  workspaces: { slug: string; name: string; role: string }[];
};

export function UserMenuClient({ user, role, currentSlug, workspaces }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const current = workspaces.find((w) => w.slug === currentSlug);

  function choose(slug: string) {
    if (slug === currentSlug) return;
    startTransition(async () => {
      const r = await switchWorkspace(slug);
      if (!r.ok) {
        toast.error(r.error);
        return;
      }
      router.push("/board");
      router.refresh();
    });
  }

  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="sm" className="gap-2 px-2" data-testid="user-menu" disabled={pending} aria-label="Account menu">
          <IdentityAvatar name={user.name} />
          <span className="hidden max-w-40 flex-col items-start leading-tight sm:flex">
            <span className="max-w-40 truncate text-sm">{user.name}</span>
            {current ? <span className="text-muted-foreground max-w-40 truncate text-[11px] font-normal">{current.name}</span> : null}
          </span>
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-64">
        <DropdownMenuLabel className="font-normal">
          <div className="truncate text-sm font-medium">{user.name}</div>
          <div className="text-muted-foreground truncate text-xs">{user.email}</div>
          {role ? <div className="text-muted-foreground mt-1 text-xs">Role: {role}</div> : null}
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuLabel className="text-muted-foreground text-xs">Workspaces</DropdownMenuLabel>
        {workspaces.map((w) => (
          <DropdownMenuItem key={w.slug} onSelect={() => choose(w.slug)} data-testid={`workspace-${w.slug}`}>
            <Check className={w.slug === currentSlug ? "opacity-100" : "opacity-0"} />
            <span className="truncate">{w.name}</span>
            <span className="text-muted-foreground ml-auto text-xs">{w.role}</span>
          </DropdownMenuItem>
        ))}
        <DropdownMenuItem asChild>
          <Link href="/new-workspace">
            <Plus /> New workspace
          </Link>
        </DropdownMenuItem>
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link href="/settings">
            <Settings /> Settings
          </Link>
        </DropdownMenuItem>
        <DropdownMenuItem onSelect={() => void signOut({ callbackUrl: "/sign-in" })} data-testid="sign-out">
          <LogOut /> Sign out
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
