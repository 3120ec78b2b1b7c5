import { AppHeader } from "@/components/app-shell/app-header";
import { currentCaller } from "@/lib/api/caller";
import { UserMenu } from "@/components/auth/user-menu";
import { RealtimeProvider } from "@/components/realtime/realtime-provider";
import { NotificationBell } from "@/components/notifications/notification-bell";

/**
 * The signed-in app: header (logo, navigation, guide, theme, user menu) around every page, and the
 * `modal` slot where an incident opened from the board shows as a dialog over it. Each page checks
 * the session itself (and sends a signed-out visitor to sign in, coming back to that page).
 */
export default async function AppLayout({ children, modal }: { children: React.ReactNode; modal: React.ReactNode }) {
  const current = await currentCaller();
  const content = (
    <>
      <main className="mx-auto flex w-full max-w-screen-2xl flex-1 flex-col px-4 py-5 sm:px-6">{children}</main>
      {modal}
    </>
  );
  return (
    <div className="flex min-h-dvh flex-col">
      <AppHeader workspaceSlug={current?.workspace.slug}>
        {current?.actor.kind === "user" && <NotificationBell workspaceSlug={current.workspace.slug} />}
        <UserMenu workspaceSlug={current?.workspace.slug} />
      </AppHeader>
      {/* Live updates for every page of the workspace (board, incident, scenarios). */}
      {current ? <RealtimeProvider workspaceSlug={current.workspace.slug}>{content}</RealtimeProvider> : content}
    </div>
  );
}
