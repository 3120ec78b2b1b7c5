/** The human-readable number of an incident, sequential per workspace: INC-42. */
export function incidentKey(number: number): string {
  return `INC-${number}`;
}
