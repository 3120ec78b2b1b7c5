import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Logo } from "@/components/app-shell/logo";
import { ThemeToggle } from "@/components/app-shell/theme-toggle";
import { ResetDemoButton } from "@/components/auth/reset-demo-button";
import { ApprovalsBadge } from "@/components/agent/approvals-badge";
import { UserMenu } from "@/components/auth/user-menu";
import { RealtimeProvider } from "@/components/realtime/realtime-provider";
import { Button } from "@/components/ui/button";
import { currentCaller } from "@/lib/api/caller";
import { DEMO_SLUG, demoEnabled } from "@/lib/auth";
import { demoResetIntervalMs } from "@/lib/workspaces";
import { env } from "@/env";

export const metadata: Metadata = { title: { default: "Live demo", template: "%s · Firedrill demo" } };
export const dynamic = "force-dynamic";

function resetText(): string {
  try {
    const ms = demoResetIntervalMs(env().DEMO_RESET_CRON);
    if (!ms) return "";
    return ms % 3_600_000 === 0 ? ` It resets every ${ms / 3_600_000 === 1 ? "hour" : `${ms / 3_600_000} hours`}.` : ` It resets every ${Math.round(ms / 60_000)} minutes.`;
  } catch {
    return "";
  }
}

/** The public demo: a shared workspace anyone can use without an account, as an anonymous animal. */
export default async function DemoLayout({ children }: { children: React.ReactNode }) {
  if (!demoEnabled()) notFound();
  const actor = (await currentCaller(DEMO_SLUG))?.actor;
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="bg-background/85 sticky top-0 z-40 border-b backdrop-blur">
        <div className="mx-auto flex h-14 w-full max-w-screen-2xl items-center gap-3 px-4 sm:px-6">
          <Logo href="/demo" />
          <span className="rounded-full bg-orange-500/15 px-2 py-0.5 text-xs font-medium text-orange-700 dark:text-orange-300">Demo</span>
          <nav className="ml-2 hidden items-center gap-1 text-sm md:flex" aria-label="Demo">
            <Link href="/demo" className="hover:bg-muted rounded-md px-3 py-1.5">
              Board
            </Link>
            <Link href="/demo/approvals" className="hover:bg-muted flex items-center gap-1.5 rounded-md px-3 py-1.5" data-testid="nav-approvals">
              Approvals
              <ApprovalsBadge workspaceSlug="demo" />
            </Link>
            <Link href="/demo/scenarios" className="hover:bg-muted rounded-md px-3 py-1.5">
              Scenarios
            </Link>
            <Link href="/demo/analytics" className="hover:bg-muted rounded-md px-3 py-1.5">
              Analytics
            </Link>
          </nav>
          <div className="ml-auto flex items-center gap-2">
            {actor?.kind === "user" && actor.role === "admin" ? <ResetDemoButton /> : null}
            <ThemeToggle />
            <UserMenu workspaceSlug="demo" />
          </div>
        </div>
      </header>
      <div className="border-b bg-orange-500/5 px-4 py-2 text-center text-sm sm:px-6" data-testid="demo-banner">
        You are in the public demo: everyone sees the same board, and you appear to others as an anonymous animal.{resetText()}{" "}
        <Button asChild variant="link" size="sm" className="h-auto p-0">
          <Link href="/sign-up">Create an account for your team</Link>
        </Button>
      </div>
      <RealtimeProvider workspaceSlug="demo">
        <main className="mx-auto flex w-full max-w-screen-2xl flex-1 flex-col px-4 py-5 sm:px-6">{children}</main>
      </RealtimeProvider>
    </div>
  );
}
