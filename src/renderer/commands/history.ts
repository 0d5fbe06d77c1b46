/**
 * Undo/redo for every user command, whatever triggered it (key, button, menu).
 *
 * A command is performed once through `run`, which returns an `Undoable`: the plain pair of
 * operations that reverse and re-apply it. The history only keeps those pairs; it knows nothing
 * about annotations, so the same manager serves every kind of edit.
 */
export interface Undoable {
  /** Shown in tooltips and status messages ("Undo: tag Actor"). */
  readonly description: string;
  undo(): Promise<void>;
  redo(): Promise<void>;
}

export class History {
  private readonly done: Undoable[] = [];
  private readonly undone: Undoable[] = [];
  /** Operations run one at a time, in order: an undo never overtakes the write it reverses. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly limit = 500) {}

  /** Records a command that has been performed (or is being performed: pass its promise). */
  push(entry: Undoable): void {
    this.done.push(entry);
    if (this.done.length > this.limit) this.done.shift();
    this.undone.length = 0;
  }

  /**
   * Runs `perform` after everything queued before it, and records what it returns. The entry
   * comes back as `perform` made it, so a command can hand its caller more than the pair.
   */
  run<U extends Undoable>(perform: () => Promise<U>): Promise<U> {
    const result = this.queue.then(perform);
    this.queue = result.then(
      (entry) => this.push(entry),
      () => undefined,
    );
    return result;
  }

  get canUndo(): boolean {
    return this.done.length > 0;
  }

  get canRedo(): boolean {
    return this.undone.length > 0;
  }

  /** Resolves to the undone entry, or null when there was nothing to undo. */
  undo(): Promise<Undoable | null> {
    return this.step(this.done, this.undone, (e) => e.undo());
  }

  redo(): Promise<Undoable | null> {
    return this.step(this.undone, this.done, (e) => e.redo());
  }

  private step(
    from: Undoable[],
    to: Undoable[],
    apply: (entry: Undoable) => Promise<void>,
  ): Promise<Undoable | null> {
    const result = this.queue.then(async () => {
      const entry = from.pop();
      if (!entry) return null;
      try {
        await apply(entry);
      } catch (error) {
        // The step failed and changed nothing: keep it where it was so it can be retried.
        from.push(entry);
        throw error;
      }
      to.push(entry);
      return entry;
    });
    this.queue = result.catch(() => undefined);
    return result;
  }
}
