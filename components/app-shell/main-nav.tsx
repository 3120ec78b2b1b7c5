"use client";

import * as React from "react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { MenuIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Sheet, SheetContent, SheetHeader, SheetTitle, SheetTrigger } from "@/components/ui/sheet";
import { cn } from "@/lib/utils";
import { ApprovalsBadge } from "@/components/agent/approvals-badge";
import { Logo } from "./logo";
import { isCurrent, navItems } from "./nav-items";

function Badge({ item, workspaceSlug }: { item: (typeof navItems)[number]; workspaceSlug?: string }) {
  return "badge" in item && item.badge === "approvals" && workspaceSlug ? <ApprovalsBadge workspaceSlug={workspaceSlug} /> : null;
}

export function MainNav({ workspaceSlug }: { workspaceSlug?: string }) {
  const pathname = usePathname() ?? "";
  return (
    <nav aria-label="Main" className="hidden items-center gap-1 md:flex">
      {navItems.map((item) => {
        const current = isCurrent(pathname, item.match);
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={current ? "page" : undefined}
            aria-label={item.label}
            title={item.label}
            data-testid={`nav-${item.label.toLowerCase()}`}
            className={cn(
              "focus-visible:ring-ring/50 flex items-center gap-1.5 rounded-md px-2 py-1.5 text-sm font-medium whitespace-nowrap transition-colors outline-none focus-visible:ring-[3px]",
              current ? "bg-accent text-accent-foreground" : "text-muted-foreground hover:text-foreground hover:bg-accent/60",
            )}
          >
            <item.icon className="size-4 shrink-0" aria-hidden />
            {/* Ten sections: below 2xl only the current one is named; the others are icons with a tooltip. */}
            <span className={cn(!current && "hidden 2xl:inline")}>{item.label}</span>
            <Badge item={item} workspaceSlug={workspaceSlug} />
          </Link>
        );
      })}
    </nav>
  );
}

/** The same links in a side sheet on small screens. */
export function MobileNav({ workspaceSlug }: { workspaceSlug?: string }) {
  const pathname = usePathname() ?? "";
  const [open, setOpen] = React.useState(false);
  return (
    <Sheet open={open} onOpenChange={setOpen}>
      <SheetTrigger asChild>
        <Button variant="ghost" size="icon-sm" className="md:hidden" aria-label="Open menu" data-testid="mobile-nav-trigger">
          <MenuIcon />
        </Button>
      </SheetTrigger>
      <SheetContent side="left" className="w-72">
        <SheetHeader>
          <SheetTitle asChild>
            <div>
              <Logo />
            </div>
          </SheetTitle>
        </SheetHeader>
        <nav aria-label="Main" className="flex flex-col gap-1 px-4">
          {navItems.map((item) => {
            const current = isCurrent(pathname, item.match);
            return (
              <Link
                key={item.href}
                href={item.href}
                onClick={() => setOpen(false)}
                aria-current={current ? "page" : undefined}
                className={cn(
                  "flex items-center gap-2 rounded-md px-3 py-2 text-sm font-medium",
                  current ? "bg-accent text-accent-foreground" : "text-muted-foreground hover:bg-accent/60 hover:text-foreground",
                )}
              >
                <item.icon className="size-4" aria-hidden />
                {item.label}
                <Badge item={item} workspaceSlug={workspaceSlug} />
              </Link>
            );
          })}
        </nav>
      </SheetContent>
    </Sheet>
  );
}
