"use client";

import * as React from "react";
import { usePathname, useSearchParams } from "next/navigation";

/**
 * A thin bar at the top of the window while a click on a link is loading the next page (server
 * rendering can take a moment on a busy board). It starts on a same-origin link click that changes
 * the path, and ends when the new path is on screen.
 */
function Progress() {
  const pathname = usePathname();
  const search = useSearchParams();
  const [state, setState] = React.useState<{ active: boolean; from: string }>({ active: false, from: "" });
  const here = `${pathname}?${search.toString()}`;

  // The new page is on screen: the bar finishes.
  if (state.active && state.from !== here) setState({ active: false, from: here });

  React.useEffect(() => {
    const onClick = (e: MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const a = (e.target as Element | null)?.closest?.("a");
      if (!a || a.target === "_blank" || a.hasAttribute("download")) return;
      const url = new URL(a.href, window.location.href);
      if (url.origin !== window.location.origin) return;
      if (url.pathname === window.location.pathname && url.search === window.location.search) return;
      setState({ active: true, from: `${window.location.pathname}?${new URLSearchParams(window.location.search).toString()}` });
    };
    document.addEventListener("click", onClick);
    return () => document.removeEventListener("click", onClick);
  }, []);

  // A navigation that never completes (an error, a cancelled click) must not leave the bar forever.
  React.useEffect(() => {
    if (!state.active) return;
    const t = setTimeout(() => setState((s) => ({ ...s, active: false })), 15_000);
    return () => clearTimeout(t);
  }, [state.active]);

  if (!state.active) return null;
  return (
    <div role="progressbar" aria-label="Loading page" data-testid="nav-progress" className="pointer-events-none fixed inset-x-0 top-0 z-[100] h-0.5 overflow-hidden">
      <div className="h-full w-1/3 animate-[nav-progress_1.1s_ease-in-out_infinite] bg-gradient-to-r from-orange-500 to-rose-600" />
    </div>
  );
}

export function NavigationProgress() {
  return (
    <React.Suspense fallback={null}>
      <Progress />
    </React.Suspense>
  );
}
