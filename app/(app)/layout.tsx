import { AppHeader } from "@/components/app-shell/app-header";
import { getCurrentWorkspace } from "@/components/app-shell/current-workspace";

/**
 * The signed-in app: header (logo, navigation, guide, theme) around every page, and the `modal`
 * slot where an incident opened from the board shows as a dialog over it.
 */
export default async function AppLayout({ children, modal }: { children: React.ReactNode; modal: React.ReactNode }) {
  await getCurrentWorkspace();
  return (
    <div className="flex min-h-dvh flex-col">
      <AppHeader />
      <main className="mx-auto flex w-full max-w-screen-2xl flex-1 flex-col px-4 py-5 sm:px-6">{children}</main>
      {modal}
    </div>
  );
}
