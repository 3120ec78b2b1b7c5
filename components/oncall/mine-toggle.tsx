"use client";

import { UserCheckIcon } from "lucide-react";
import { Button } from "@/components/ui/button";

/** The board's "Mine" filter: only the incidents the viewer leads (`?mine=true`). */
export function MineToggle({ value, onChange }: { value: boolean; onChange: (next: boolean) => void }) {
  return (
    <Button
      type="button"
      variant={value ? "secondary" : "outline"}
      size="sm"
      aria-pressed={value}
      data-testid="filter-mine"
      title="Only incidents I lead"
      onClick={() => onChange(!value)}
      className="h-8"
    >
      <UserCheckIcon />
      Mine
    </Button>
  );
}
