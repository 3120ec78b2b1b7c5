import type { Incident } from "@/db/schema";
import { keysToSnake } from "@/lib/api/case";

export function incidentKey(number: number): string {
  return `INC-${number}`;
}

/** An incident as the REST API returns it. */
export function serializeIncident(row: Incident): Record<string, unknown> {
  const { workspaceId: _ws, ...rest } = row;
  return { ...keysToSnake(rest), key: incidentKey(row.number) };
}
