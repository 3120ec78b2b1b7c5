"use client";

import * as React from "react";
import { ChevronDownIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuCheckboxItem,
  DropdownMenuContent,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { cn } from "@/lib/utils";

/** A dropdown of checkboxes for filter bars: shows the count of chosen values in the trigger. */
export function MultiSelect({
  label,
  options,
  value,
  onChange,
  className,
  renderOption,
  ...props
}: {
  label: string;
  options: string[];
  value: string[];
  onChange: (next: string[]) => void;
  className?: string;
  renderOption?: (option: string) => React.ReactNode;
} & Omit<React.ComponentProps<typeof Button>, "onChange" | "value">) {
  const toggle = (option: string, checked: boolean) =>
    onChange(checked ? Array.from(new Set([...value, option])) : value.filter((v) => v !== option));
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="outline" size="sm" className={cn("gap-1", value.length > 0 && "border-primary/60", className)} {...props}>
          {label}
          {value.length > 0 && <span className="bg-primary text-primary-foreground rounded px-1 text-[10px] leading-4">{value.length}</span>}
          <ChevronDownIcon className="size-3.5 opacity-60" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="w-52">
        <DropdownMenuLabel>{label}</DropdownMenuLabel>
        <DropdownMenuSeparator />
        {options.length === 0 && <div className="text-muted-foreground px-2 py-1.5 text-sm">No values yet</div>}
        {options.map((option) => (
          <DropdownMenuCheckboxItem
            key={option}
            checked={value.includes(option)}
            onCheckedChange={(checked) => toggle(option, checked === true)}
            onSelect={(e) => e.preventDefault()}
          >
            {renderOption ? renderOption(option) : option}
          </DropdownMenuCheckboxItem>
        ))}
        {value.length > 0 && (
          <>
            <DropdownMenuSeparator />
            <DropdownMenuItem onSelect={() => onChange([])}>Clear</DropdownMenuItem>
          </>
        )}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
