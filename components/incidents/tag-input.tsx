"use client";

import * as React from "react";
import { XIcon } from "lucide-react";
import { cn } from "@/lib/utils";

/** Chips with an inline input: Enter or comma adds, the × removes. Each change is reported at once. */
export function TagInput({
  value,
  onChange,
  disabled,
  busy,
  placeholder = "Add…",
  suggestions = [],
  id,
  "data-testid": testId,
}: {
  value: string[];
  onChange: (next: string[]) => void;
  disabled?: boolean;
  /** A write is in flight: further edits wait for it (they would carry a stale version). */
  busy?: boolean;
  placeholder?: string;
  suggestions?: string[];
  id?: string;
  "data-testid"?: string;
}) {
  const [text, setText] = React.useState("");
  const listId = React.useId();
  const add = () => {
    const items = text
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean)
      .filter((s) => !value.includes(s));
    setText("");
    if (items.length) onChange([...value, ...Array.from(new Set(items))]);
  };
  return (
    <div
      data-testid={testId}
      className={cn(
        "border-input dark:bg-input/30 focus-within:border-ring focus-within:ring-ring/50 flex min-h-9 flex-wrap items-center gap-1.5 rounded-md border bg-transparent px-2 py-1.5 shadow-xs focus-within:ring-[3px]",
        disabled && "opacity-60",
      )}
    >
      {value.length === 0 && disabled && <span className="text-muted-foreground px-1 text-sm">None</span>}
      {value.map((tag) => (
        <span key={tag} data-testid="affected-system-tag" className="bg-secondary text-secondary-foreground inline-flex h-6 items-center gap-1 rounded-md pr-1 pl-2 font-mono text-xs">
          {tag}
          {!disabled && (
            <button
              type="button"
              disabled={busy}
              aria-label={`Remove ${tag}`}
              onClick={() => onChange(value.filter((v) => v !== tag))}
              className="hover:bg-background/60 text-muted-foreground hover:text-foreground rounded-sm p-0.5"
            >
              <XIcon className="size-3" />
            </button>
          )}
        </span>
      ))}
      {!disabled && (
        <>
          <input
            id={id}
            data-testid="affected-system-input"
            value={text}
            readOnly={busy}
            aria-busy={busy}
            list={suggestions.length ? listId : undefined}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter" || e.key === ",") {
                e.preventDefault();
                if (!busy) add();
              }
            }}
            onBlur={() => text.trim() && !busy && add()}
            placeholder={value.length ? "" : placeholder}
            className="placeholder:text-muted-foreground min-w-24 flex-1 bg-transparent text-sm outline-none"
          />
          {suggestions.length > 0 && (
            <datalist id={listId}>
              {suggestions
                .filter((s) => !value.includes(s))
                .map((s) => (
                  <option key={s} value={s} />
                ))}
            </datalist>
          )}
        </>
      )}
    </div>
  );
}
