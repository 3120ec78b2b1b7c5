import { FlaskConicalIcon, InboxIcon, SquareKanbanIcon, SettingsIcon } from "lucide-react";
import { ChartColumnIcon, SirenIcon } from "lucide-react";

/** The app's main sections; `match` is the path prefix that marks the link as current; `badge` names a live count shown beside it. */
export const navItems = [
  { href: "/board", match: ["/board", "/incidents"], label: "Board", icon: SquareKanbanIcon },
  { href: "/approvals", match: ["/approvals"], label: "Approvals", icon: InboxIcon, badge: "approvals" },
  { href: "/scenarios", match: ["/scenarios"], label: "Scenarios", icon: FlaskConicalIcon },
  { href: "/analytics", match: ["/analytics"], label: "Analytics", icon: ChartColumnIcon },
  { href: "/drills", match: ["/drills"], label: "Game days", icon: SirenIcon },
  { href: "/settings", match: ["/settings"], label: "Settings", icon: SettingsIcon },
] as const;

export function isCurrent(pathname: string, match: readonly string[]): boolean {
  return match.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}
