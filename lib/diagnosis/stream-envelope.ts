import type { ProviderId } from "./schema";

/**
 * Writes the diagnosis stream as one JSON document that only ever grows at its end, so the client's
 * `useObject` can parse every prefix. Each provider run gets an entry whose draft grows while the
 * model streams; when a run fails, its outcome is appended and the next run starts a new entry.
 * We serialise the state ourselves (rather than forwarding the model's raw text) so that a run cut
 * off mid-string can still be closed cleanly.
 */
export type EnvelopeRun = {
  provider: ProviderId;
  model: string;
  draft?: unknown;
  outcome?: "answered" | "skipped";
  reason?: string;
};
export type Envelope = { runs: EnvelopeRun[]; result?: unknown; error?: string };

/** JSON of `value` without the closing quotes/brackets of its last, still-growing member. */
export function openJson(value: unknown): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return "[";
    const head = value.slice(0, -1).map((v) => JSON.stringify(v ?? null));
    return `[${head.join(",")}${head.length ? "," : ""}${openJson(value[value.length - 1])}`;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return "{";
    const head = entries.slice(0, -1).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`);
    const [lastKey, lastValue] = entries[entries.length - 1];
    return `{${head.join(",")}${head.length ? "," : ""}${JSON.stringify(lastKey)}:${openJson(lastValue)}`;
  }
  if (typeof value === "string") return JSON.stringify(value).slice(0, -1);
  return JSON.stringify(value ?? null);
}

export class EnvelopeWriter {
  private state: Envelope = { runs: [] };
  private emitted = "";
  private frozen = new Set<number>();

  constructor(private readonly write: (chunk: string) => void) {}

  startRun(provider: ProviderId, model: string): void {
    this.state.runs.push({ provider, model });
    this.flush();
  }

  /** A newer partial draft of the current run; ignored once the run's draft stops growing cleanly. */
  draft(partial: unknown): void {
    const i = this.state.runs.length - 1;
    if (i < 0 || this.frozen.has(i)) return;
    const run = this.state.runs[i];
    const previous = run.draft;
    run.draft = partial;
    if (!this.flush()) {
      // The partial parse changed earlier text (rare: an escape or number still forming): keep what was shown.
      run.draft = previous;
      this.frozen.add(i);
    }
  }

  endRun(outcome: "answered" | "skipped", reason?: string): void {
    const run = this.state.runs[this.state.runs.length - 1];
    if (!run) return;
    this.frozen.add(this.state.runs.length - 1);
    run.outcome = outcome;
    if (reason) run.reason = reason;
    this.flush();
  }

  finish(result: unknown): void {
    this.state.result = result;
    this.close();
  }

  fail(message: string): void {
    this.state.error = message;
    this.close();
  }

  private close(): void {
    const full = JSON.stringify(this.state);
    if (full.startsWith(this.emitted)) {
      this.write(full.slice(this.emitted.length));
      this.emitted = full;
    }
  }

  /** Emits what is new; false when the new text does not extend what was already sent. */
  private flush(): boolean {
    const next = openJson(this.state);
    if (!next.startsWith(this.emitted)) return false;
    const delta = next.slice(this.emitted.length);
    if (delta) this.write(delta);
    this.emitted = next;
    return true;
  }
}
