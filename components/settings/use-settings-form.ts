"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import type { Result } from "@/lib/result";

/**
 * A settings create-form driven by a server action, inside the panel's transition (so `pending`
 * also covers the panel's other actions): field errors show under their fields, any other error as a
 * toast; on success the errors clear, the form resets, `onSuccess` sees the data and the page refreshes.
 */
export function useSettingsForm() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});

  function submit<T>(formEl: HTMLFormElement, action: () => Promise<Result<T>>, onSuccess: (data: T) => void) {
    startTransition(async () => {
      const r = await action();
      if (!r.ok) {
        setFieldErrors(r.fieldErrors ?? {});
        if (!r.fieldErrors) toast.error(r.error);
        return;
      }
      setFieldErrors({});
      formEl.reset();
      onSuccess(r.data);
      router.refresh();
    });
  }

  return { router, pending, startTransition, fieldErrors, submit };
}
