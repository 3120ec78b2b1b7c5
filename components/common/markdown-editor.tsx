"use client";

import * as React from "react";
import { Textarea } from "@/components/ui/textarea";
import { cn } from "@/lib/utils";
import { Markdown } from "./markdown";

/** A markdown source box beside its live, sanitised preview (stacked on narrow screens). */
export function MarkdownEditor({
  id,
  value,
  onChange,
  disabled,
  rows = 16,
  className,
  label,
}: {
  id: string;
  value: string;
  onChange: (v: string) => void;
  disabled?: boolean;
  rows?: number;
  className?: string;
  label: string;
}) {
  return (
    <div className={cn("grid gap-3 lg:grid-cols-2", className)}>
      <Textarea
        id={id}
        aria-label={label}
        data-testid={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        disabled={disabled}
        rows={rows}
        spellCheck
        className="min-h-40 font-mono text-xs leading-relaxed"
      />
      <div className="bg-muted/30 min-h-40 overflow-auto rounded-md border px-3 py-1" aria-label={`${label} preview`} data-testid={`${id}-preview`}>
        {value.trim() ? <Markdown source={value} /> : <p className="text-muted-foreground py-2 text-xs">Nothing to preview yet.</p>}
      </div>
    </div>
  );
}
