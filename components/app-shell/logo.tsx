import Link from "next/link";
import { FlameIcon } from "lucide-react";
import { cn } from "@/lib/utils";

export function Logo({ href = "/board", className }: { href?: string; className?: string }) {
  return (
    <Link href={href} className={cn("flex items-center gap-2 rounded-md font-semibold tracking-tight outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50", className)}>
      <span className="flex size-7 items-center justify-center rounded-lg bg-gradient-to-br from-orange-500 to-rose-600 text-white shadow-sm">
        <FlameIcon className="size-4" aria-hidden />
      </span>
      <span data-testid="app-logo">Firedrill</span>
    </Link>
  );
}
