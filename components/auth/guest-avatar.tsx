import { cn } from "@/lib/utils";

/** The coloured initial of a person or an anonymous animal. */
export function IdentityAvatar({ name, color, className }: { name: string; color?: string; className?: string }) {
  const initial = name.replace(/^Anonymous\s+/, "").trim().charAt(0).toUpperCase() || "?";
  return (
    <span
      aria-hidden
      className={cn("inline-flex size-7 shrink-0 items-center justify-center rounded-full text-xs font-semibold text-white", !color && "bg-primary text-primary-foreground", className)}
      style={color ? { backgroundColor: color } : undefined}
    >
      {initial}
    </span>
  );
}
