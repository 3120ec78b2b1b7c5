import type { Metadata } from "next";
import { ApiReference } from "@/components/docs/api-reference";
import { Logo } from "@/components/app-shell/logo";
import { ThemeToggle } from "@/components/app-shell/theme-toggle";

export const metadata: Metadata = {
  title: "API reference",
  description: "Firedrill's REST API: incidents, intake, integrations, diagnosis and the simulated world.",
};

/** Public: the interactive reference of /api/v1, rendered from /api/v1/openapi.json. */
export default function ApiReferencePage() {
  return (
    <div className="min-h-screen">
      <header className="bg-background/95 sticky top-0 z-40 flex h-12 items-center gap-3 border-b px-4">
        <Logo href="/" />
        <span className="text-muted-foreground text-sm">API reference</span>
        <div className="ml-auto flex items-center gap-3 text-sm">
          <a href="/api/v1/openapi.json" className="text-muted-foreground hover:text-foreground hidden underline-offset-4 hover:underline sm:inline" data-testid="openapi-json-link">
            openapi.json
          </a>
          <ThemeToggle />
        </div>
      </header>
      <ApiReference />
    </div>
  );
}
