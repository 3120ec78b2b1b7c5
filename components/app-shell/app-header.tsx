import { ConnectionStatus } from "@/components/realtime/connection-status";
import { CommandPalette } from "./command-palette";
import { GuideDialog } from "./guide-dialog";
import { Logo } from "./logo";
import { MainNav, MobileNav } from "./main-nav";
import { ThemeToggle } from "./theme-toggle";

/** The bar on every page of the team app; `children` go at the right end (the user menu). */
export function AppHeader({ children, workspaceSlug }: { children?: React.ReactNode; workspaceSlug?: string }) {
  return (
    <header className="bg-background/85 supports-[backdrop-filter]:bg-background/70 sticky top-0 z-40 border-b backdrop-blur">
      <div className="mx-auto flex h-14 w-full max-w-screen-2xl items-center gap-3 px-4 sm:px-6">
        <MobileNav workspaceSlug={workspaceSlug} />
        <Logo />
        <div className="bg-border mx-1 hidden h-5 w-px md:block" aria-hidden />
        <MainNav workspaceSlug={workspaceSlug} />
        <div className="ml-auto flex items-center gap-1">
          {workspaceSlug && <CommandPalette workspaceSlug={workspaceSlug} />}
          {workspaceSlug && <ConnectionStatus className="mr-1" />}
          <GuideDialog />
          <ThemeToggle />
          {children}
        </div>
      </div>
    </header>
  );
}
