"use client";

import * as React from "react";
import { XIcon } from "lucide-react";
import { cn } from "@/lib/utils";

/**
 * A list of short values typed as tags: Enter or comma adds one (Enter never submits the form),
 * Backspace on an empty field removes the last, and text left in the field is added on blur.
 */
export function TagsInput({
  value,
  onChange,
  placeholder,
  id,
  invalid,
  describedBy,
  maxTags = 50,
  ...props
}: {
  value: string[];
  onChange: (next: string[]) => void;
  placeholder?: string;
  id?: string;
  invalid?: boolean;
  describedBy?: string;
  maxTags?: number;
  "data-testid"?: string;
}) {
  const [draft, setDraft] = React.useState("");
  const inputRef = React.useRef<HTMLInputElement>(null);

  const add = (raw: string) => {
    const parts = raw
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    if (parts.length === 0) return;
    onChange(Array.from(new Set([...value, ...parts])).slice(0, maxTags));
    setDraft("");
  };

  return (
    <div
      className={cn(
        "border-input dark:bg-input/30 flex min-h-9 w-full flex-wrap items-center gap-1 rounded-md border bg-transparent px-2 py-1 shadow-xs transition-[color,box-shadow]",
        "focus-within:border-ring focus-within:ring-ring/50 focus-within:ring-[3px]",
        invalid && "border-destructive ring-destructive/20 dark:ring-destructive/40",
      )}
      onClick={() => inputRef.current?.focus()}
    >
      {value.map((tag) => (
        <span key={tag} className="bg-secondary text-secondary-foreground inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs font-medium">
          {tag}
          <button
            type="button"
            aria-label={`Remove ${tag}`}
            className="hover:text-foreground text-muted-foreground rounded-sm"
            onClick={(e) => {
              e.stopPropagation();
              onChange(value.filter((v) => v !== tag));
            }}
          >
            <XIcon className="size-3" />
          </button>
        </span>
      ))}
      <input
        ref={inputRef}
        id={id}
        value={draft}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        placeholder={value.length === 0 ? placeholder : undefined}
        className="placeholder:text-muted-foreground min-w-24 flex-1 bg-transparent py-0.5 text-base outline-none md:text-sm"
        onChange={(e) => {
          const next = e.target.value;
          if (next.includes(",")) add(next);
          else setDraft(next);
        }}
        // Read the field itself, not state: a fast Enter can arrive before React re-renders. Enter
        // here only ever adds a tag; it never submits the surrounding form.
        onKeyDown={(e) => {
          const current = e.currentTarget.value;
          if (e.key === "Enter") {
            e.preventDefault();
            if (current.trim()) add(current);
          } else if (e.key === "Backspace" && current === "" && value.length > 0) {
            onChange(value.slice(0, -1));
          }
        }}
        onBlur={(e) => add(e.currentTarget.value)}
        {...props}
      />
    </div>
  );
}
