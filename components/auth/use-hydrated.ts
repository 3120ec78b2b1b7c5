"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/** True once the client has hydrated: forms stay disabled until then so they never post natively. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
