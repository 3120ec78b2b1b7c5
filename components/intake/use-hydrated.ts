"use client";

import * as React from "react";

const subscribe = () => () => {};

/** True once the client has hydrated (forms mark themselves so tests click only live buttons). */
export function useHydrated(): boolean {
  return React.useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
