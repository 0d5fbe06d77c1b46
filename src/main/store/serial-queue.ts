/**
 * Runs async operations one at a time, in the order they were queued. The store keeps one per
 * file, so writes to a file never interleave while different files proceed in parallel.
 */
export class SerialQueue {
  /** Settles when the last queued operation has settled; never rejects. */
  private tail: Promise<void> = Promise.resolve();

  /** Queues `operation`; its result (or failure) is the caller's and does not stop the queue. */
  run<R>(operation: () => Promise<R>): Promise<R> {
    const result = this.tail.then(operation);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  /** Settles once every operation queued so far has settled. */
  idle(): Promise<void> {
    return this.tail;
  }
}
