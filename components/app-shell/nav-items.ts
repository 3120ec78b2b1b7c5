import {
  BookOpenIcon,
  CalendarClockIcon,
  ChartColumnIcon,
  FlaskConicalIcon,
  InboxIcon,
  ListChecksIcon,
  SettingsIcon,
  SirenIcon,
  SquareKanbanIcon,
  TrophyIcon,
} from "lucide-react";

/** The app's main sections; `match` is the path prefix that marks the link as current; `badge` names a live count shown beside it. */
export const navItems = [
  { href: "/board", match: ["/board", "/incidents"], label: "Board", icon: SquareKanbanIcon },
  { href: "/alerts", match: ["/alerts"], label: "Alerts", icon: SirenIcon },
  { href: "/oncall", match: ["/oncall"], label: "On-call", icon: CalendarClockIcon },
  { href: "/approvals", match: ["/approvals"], label: "Approvals", icon: InboxIcon, badge: "approvals" },
  { href: "/runbooks", match: ["/runbooks"], label: "Runbooks", icon: BookOpenIcon },
  { href: "/action-items", match: ["/action-items"], label: "Action items", icon: ListChecksIcon },
  { href: "/scenarios", match: ["/scenarios"], label: "Scenarios", icon: FlaskConicalIcon },
  { href: "/drills", match: ["/drills"], label: "Game days", icon: TrophyIcon },
  { href: "/analytics", match: ["/analytics"], label: "Analytics", icon: ChartColumnIcon },
  { href: "/settings", match: ["/settings"], label: "Settings", icon: SettingsIcon },
] as const;

export function isCurrent(pathname: string, match: readonly string[]): boolean {
  return match.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}
