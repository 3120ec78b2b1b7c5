import { settingsSections } from "@/components/settings/sections";
import { SettingsNav } from "@/components/settings/settings-nav";
import { settingsContext } from "@/lib/auth/page-context";

export const dynamic = "force-dynamic";

export default async function SettingsLayout({ children }: { children: React.ReactNode }) {
  const { actor, workspace } = await settingsContext({ returnTo: "/settings" });
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
