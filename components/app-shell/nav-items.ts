import { BookOpenIcon, FlaskConicalIcon, InboxIcon, ListChecksIcon, SettingsIcon, SirenIcon, SquareKanbanIcon } from "lucide-react";

/** The app's main sections; `match` is the path prefix that marks the link as current; `badge` names a live count shown beside it. */
export const navItems = [
  { href: "/board", match: ["/board", "/incidents"], label: "Board", icon: SquareKanbanIcon },
  { href: "/approvals", match: ["/approvals"], label: "Approvals", icon: InboxIcon, badge: "approvals" },
  { href: "/scenarios", match: ["/scenarios"], label: "Scenarios", icon: FlaskConicalIcon },
  { href: "/settings", match: ["/settings"], label: "Settings", icon: SettingsIcon },
  { href: "/runbooks", match: ["/runbooks"], label: "Runbooks", icon: BookOpenIcon },
  { href: "/action-items", match: ["/action-items"], label: "Action items", icon: ListChecksIcon },
  { href: "/oncall", match: ["/oncall"], label: "On-call", icon: SirenIcon },
  { href: "/alerts", match: ["/alerts"], label: "Alerts", icon: SirenIcon },
] as const;

export function isCurrent(pathname: string, match: readonly string[]): boolean {
  return match.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}
