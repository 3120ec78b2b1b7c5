"use client";

import * as React from "react";
import type { ActorKind, Role } from "@/db/schema";

export type ViewerInfo = { kind: ActorKind; id: string | null; name: string; role: Role };

export type IncidentContextValue = {
  workspaceSlug: string;
  incidentId: string;
  basePath: string;
  /** Where "back to the board" goes: /board for teams, /demo for the demo. */
  boardHref: string;
  viewer: ViewerInfo;
  canWrite: boolean;
  canDelete: boolean;
  /** Workspace admins (signed-in users) may change workspace settings such as the SLA targets. */
  canConfigure: boolean;
  /** Rendered inside the board's dialog (closing goes back) rather than as a full page. */
  inDialog: boolean;
};

const IncidentContext = React.createContext<IncidentContextValue | null>(null);

export function IncidentContextProvider({ value, children }: { value: IncidentContextValue; children: React.ReactNode }) {
  return <IncidentContext.Provider value={value}>{children}</IncidentContext.Provider>;
}

export function useIncidentContext(): IncidentContextValue {
  const ctx = React.useContext(IncidentContext);
  if (!ctx) throw new Error("useIncidentContext must be used inside IncidentContextProvider");
  return ctx;
}
