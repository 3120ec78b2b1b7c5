"use client";

import * as React from "react";
import { XIcon } from "lucide-react";
import { cn } from "@/lib/utils";

/**
 * A list of short values typed as tags. Enter or a comma adds (Enter never submits the surrounding
 * form), Backspace in an empty field removes the last tag, × removes one, and text left in the field
 * is added on blur. With `busy`, edits wait: a write is in flight and another would carry a stale version.
 */
export function TagInput({
  value,
  onChange,
  id,
  placeholder = "Add…",
  suggestions = [],
  disabled,
  busy,
  invalid,
  describedBy,
  maxTags = 50,
  "data-testid": testId,
}: {
  value: string[];
  onChange: (next: string[]) => void;
  id?: string;
  placeholder?: string;
  suggestions?: string[];
  disabled?: boolean;
  busy?: boolean;
  invalid?: boolean;
  describedBy?: string;
  maxTags?: number;
  /** On the whole field; the input inside is `<testid>-input`, each tag `<testid>-tag`. */
  "data-testid"?: string;
}) {
  const [draft, setDraft] = React.useState("");
  const inputRef = React.useRef<HTMLInputElement>(null);
  const listId = React.useId();

  const add = (raw: string) => {
    const parts = raw
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    setDraft("");
    const next = Array.from(new Set([...value, ...parts])).slice(0, maxTags);
    if (next.length !== value.length) onChange(next);
  };

  return (
    <div
      data-testid={testId}
      className={cn(
        "border-input dark:bg-input/30 flex min-h-9 w-full flex-wrap items-center gap-1 rounded-md border bg-transparent px-2 py-1 shadow-xs transition-[color,box-shadow]",
        "focus-within:border-ring focus-within:ring-ring/50 focus-within:ring-[3px]",
        invalid && "border-destructive ring-destructive/20 dark:ring-destructive/40",
        disabled && "opacity-60",
      )}
      onClick={() => inputRef.current?.focus()}
    >
      {value.length === 0 && disabled ? <span className="text-muted-foreground px-1 text-sm">None</span> : null}
      {value.map((tag) => (
        <span
          key={tag}
          data-testid={testId ? `${testId}-tag` : undefined}
          className="bg-secondary text-secondary-foreground inline-flex h-6 items-center gap-1 rounded-md pr-1 pl-2 font-mono text-xs"
        >
          {tag}
          {disabled ? null : (
            <button
              type="button"
              disabled={busy}
              aria-label={`Remove ${tag}`}
              className="hover:bg-background/60 text-muted-foreground hover:text-foreground rounded-sm p-0.5"
              onClick={(e) => {
                e.stopPropagation();
                onChange(value.filter((v) => v !== tag));
              }}
            >
              <XIcon className="size-3" />
            </button>
          )}
        </span>
      ))}
      {disabled ? null : (
        <input
          ref={inputRef}
          id={id}
          data-testid={testId ? `${testId}-input` : undefined}
          value={draft}
          readOnly={busy}
          aria-busy={busy || undefined}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          list={suggestions.length ? listId : undefined}
          placeholder={value.length === 0 ? placeholder : undefined}
          className="placeholder:text-muted-foreground min-w-24 flex-1 bg-transparent py-0.5 text-base outline-none md:text-sm"
          onChange={(e) => {
            const next = e.target.value;
            if (next.includes(",")) add(next);
            else setDraft(next);
          }}
          // Read the field itself, not state: a fast Enter can arrive before React re-renders.
          onKeyDown={(e) => {
            const current = e.currentTarget.value;
            if (e.key === "Enter") {
              e.preventDefault();
              if (current.trim() && !busy) add(current);
            } else if (e.key === "Backspace" && current === "" && value.length > 0 && !busy) {
              onChange(value.slice(0, -1));
            }
          }}
          onBlur={(e) => {
            if (e.currentTarget.value.trim() && !busy) add(e.currentTarget.value);
          }}
        />
      )}
      {suggestions.length > 0 && !disabled ? (
        <datalist id={listId}>
          {suggestions
            .filter((s) => !value.includes(s))
            .map((s) => (
              <option key={s} value={s} />
            ))}
        </datalist>
      ) : null}
    </div>
  );
}
