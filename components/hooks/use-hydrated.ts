"use client";

import { useSyncExternalStore } from "react";

// Nothing to subscribe to: the value only differs between the server/hydration render and later ones.
const subscribe = () => () => {};

/**
 * False while rendering on the server and hydrating, true once React runs in the browser. Forms stay
 * disabled until then (so they never post natively and tests click only live buttons), and times render
 * in UTC until then (so the server render matches).
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
