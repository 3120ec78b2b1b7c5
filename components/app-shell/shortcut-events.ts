/** Window event that opens the board's New incident dialog (sent by the `c` shortcut and the command palette). */
export const NEW_INCIDENT_EVENT = "firedrill:new-incident";
