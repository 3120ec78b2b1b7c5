"use client";

import dynamic from "next/dynamic";
import { useTheme } from "next-themes";
import { Skeleton } from "@/components/ui/skeleton";
import "@scalar/api-reference-react/style.css";

// Scalar renders in the browser only (it mounts a Vue app); the server sends the skeleton.
const ApiReferenceReact = dynamic(() => import("@scalar/api-reference-react").then((m) => m.ApiReferenceReact), {
  ssr: false,
  loading: () => (
    <div className="mx-auto max-w-5xl space-y-4 p-6" data-testid="api-reference-loading">
      <Skeleton className="h-8 w-64" />
      <Skeleton className="h-4 w-full" />
      <Skeleton className="h-4 w-5/6" />
      <Skeleton className="h-40 w-full" />
    </div>
  ),
});

/** Nothing leaves this instance: no CDN fonts, no telemetry, no request proxy. */
const customCss = `
.scalar-app {
  --scalar-font: var(--font-geist-sans), ui-sans-serif, system-ui, sans-serif;
  --scalar-font-code: var(--font-geist-mono), ui-monospace, monospace;
  --scalar-custom-header-height: 48px;
}`;

export function ApiReference() {
  const { resolvedTheme } = useTheme();
  return (
    <div data-testid="api-reference">
      <ApiReferenceReact
        configuration={{
          url: "/api/v1/openapi.json",
          withDefaultFonts: false,
          telemetry: false,
          hideClientButton: false,
          hideDarkModeToggle: true,
          forceDarkModeState: resolvedTheme === "dark" ? "dark" : "light",
          darkMode: resolvedTheme === "dark",
          showDeveloperTools: "never",
          hideModels: false,
          documentDownloadType: "json",
          // Scalar's hosted "Ask AI" agent would call Scalar's servers; a self-hosted Firedrill does not.
          agent: { disabled: true },
          customCss,
        }}
      />
    </div>
  );
}
