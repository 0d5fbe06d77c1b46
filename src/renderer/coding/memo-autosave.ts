/**
 * Saving a memo while the person types: a save goes out once typing pauses for `delayMs`, at
 * once on `flush()` (the field loses focus, the document closes), and saves run one after the
 * other, so an older text can never land after a newer one.
 *
 * A failed save keeps its text as pending (unless newer text is already waiting), so the next
 * change or flush tries again; nothing typed is dropped.
 */

export type MemoSaveState = 'saved' | 'pending' | 'saving' | 'failed';

export interface MemoAutosaveOptions {
  save(memo: string): Promise<void>;
  /** Pause in typing before a save, in milliseconds. */
  delayMs?: number;
  onState?(state: MemoSaveState): void;
  onError?(error: unknown): void;
}

export class MemoAutosave {
  private pending: string | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private queue: Promise<void> = Promise.resolve();
  private inFlight = 0;

  constructor(private readonly options: MemoAutosaveOptions) {}

  /** The person changed the memo to `memo`. */
  change(memo: string): void {
    this.pending = memo;
    this.options.onState?.('pending');
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.options.delayMs ?? 500);
  }

  /** Saves the pending text now; resolves when every save so far has settled. */
  flush(): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const memo = this.pending;
    if (memo !== null) {
      this.pending = null;
      this.inFlight++;
      this.options.onState?.('saving');
      this.queue = this.queue.then(async () => {
        try {
          await this.options.save(memo);
          this.inFlight--;
          if (this.inFlight === 0)
            this.options.onState?.(this.pending === null ? 'saved' : 'pending');
        } catch (error) {
          this.inFlight--;
          this.pending ??= memo;
          this.options.onState?.('failed');
          this.options.onError?.(error);
        }
      });
    }
    return this.queue;
  }

  /** Text typed but not yet saved (waiting for the pause, or after a failed save). */
  get unsaved(): boolean {
    return this.pending !== null || this.inFlight > 0;
  }
}

/**
 * The memo text last typed in this window, per document. A document opened again before its
 * previous save has been answered shows this, not the older text the server may still return.
 */
export const typedMemos = new Map<string, string>();
