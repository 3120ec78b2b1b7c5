/** The settings navigation. Other features append their entries (intake, simulation…). */
export const settingsSections: { href: string; label: string; adminOnly?: boolean }[] = [
  { href: "/settings", label: "General" },
  { href: "/settings/members", label: "Members" },
  { href: "/settings/api-keys", label: "API keys", adminOnly: true },
  { href: "/settings/audit", label: "Audit log", adminOnly: true },
  { href: "/settings/intake", label: "Intake" },
  { href: "/settings/topology", label: "Topology" },
  { href: "/settings/agent", label: "Agent" },
  { href: "/settings/comms", label: "Communication" },
  { href: "/settings/notifications", label: "Notifications" },
  { href: "/settings/generator", label: "Generator" },
  { href: "/settings/maintenance", label: "Maintenance" },
];
