import { cn } from "@/lib/utils";

/** A field's validation messages (from a Result's fieldErrors), under the field; nothing when it has none. */
export function FieldError({ errors, className }: { errors?: string[]; className?: string }) {
  if (!errors?.length) return null;
  return <p className={cn("text-destructive text-sm", className)}>{errors.join(", ")}</p>;
}

/** A form-wide error, announced to screen readers; nothing when there is none. */
export function FormError({ message, testId }: { message?: string; testId?: string }) {
  if (!message) return null;
  return (
    <p role="alert" className="text-destructive text-sm" data-testid={testId}>
      {message}
    </p>
  );
}
