"use client";

import { useSyncExternalStore } from "react";
import { overallState, subscribeOverallState, type ConnectionState } from "./connection";

/** This tab's live-update state, for indicators. */
export function useConnectionState(): ConnectionState {
  return useSyncExternalStore(subscribeOverallState, overallState, () => "connecting");
}

/* How many ConnectionStatus indicators are on screen: the provider shows its own only when none is. */
let mountedIndicators = 0;
const indicatorListeners = new Set<() => void>();

export function registerIndicator(): () => void {
  mountedIndicators++;
  indicatorListeners.forEach((fn) => fn());
  return () => {
    mountedIndicators--;
    indicatorListeners.forEach((fn) => fn());
  };
}

export function useIndicatorMounted(): boolean {
  return useSyncExternalStore(
    (fn) => {
      indicatorListeners.add(fn);
      return () => indicatorListeners.delete(fn);
    },
    () => mountedIndicators > 0,
    () => false,
  );
}
