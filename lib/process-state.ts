/**
 * State that lives once per server process. `next dev` re-evaluates modules on every edit while the
 * process (and globalThis) stays, so a plain module-level `const` would start a second cache, bus
 * or scheduler beside the first; this keeps one, under a name.
 */
export function processState<T>(name: string, create: () => T): T {
  const store = globalThis as unknown as Record<string, unknown>;
  const key = `__firedrill:${name}`;
  if (!(key in store)) store[key] = create();
  return store[key] as T;
}

/** A process-wide slot that may be empty and may be replaced (a driver, a generated secret). */
export type Slot<T> = { current: T | undefined };

export function processSlot<T>(name: string): Slot<T> {
  return processState<Slot<T>>(name, () => ({ current: undefined }));
}
