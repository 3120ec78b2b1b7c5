import { settingsSections } from "@/components/settings/sections";
import { SettingsNav } from "@/components/settings/settings-nav";
import { currentCaller } from "@/lib/api/caller";

export const dynamic = "force-dynamic";

export default async function SettingsLayout({ children }: { children: React.ReactNode }) {
  // The page itself redirects a signed-out visitor (it knows its own path to come back to).
  const caller = await currentCaller();
  if (!caller) return <>{children}</>;
  const { actor, workspace } = caller;
  const items = settingsSections.filter((s) => !s.adminOnly || actor.role === "admin").map(({ href, label }) => ({ href, label }));
  return (
    <div className="mx-auto w-full max-w-5xl space-y-6 p-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Settings</h1>
        <p className="text-muted-foreground text-sm">
          {workspace.name} · you are <span data-testid="my-role">{actor.role}</span>
        </p>
      </div>
      <div className="flex flex-col gap-6 md:flex-row">
        <aside className="md:w-48 md:shrink-0">
          <SettingsNav items={items} />
        </aside>
        <div className="min-w-0 flex-1">{children}</div>
      </div>
    </div>
  );
}
