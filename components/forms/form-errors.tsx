import { cn } from "@/lib/utils";

/**
 * A field's validation messages (from a Result's fieldErrors), under the field; nothing when it has
 * none. With `id`, the field can point at it (aria-describedby) and screen readers hear it arrive.
 */
export function FieldError({ errors, id, className }: { errors?: string[]; id?: string; className?: string }) {
  if (!errors?.length) return null;
  return (
    <p id={id} data-testid={id} role={id ? "alert" : undefined} className={cn("text-destructive text-sm", className)}>
      {errors.join("; ")}
    </p>
  );
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
