/**
 * Where the review screen stands — which annotators, which document, which label — kept outside
 * the screen, so that leaving the screen and coming back finds it as it was, and so that the
 * agreement screen can open review on the spans behind a number ("show me these").
 */
export interface ReviewTarget {
  /** The annotators compared; null: not chosen yet (the screen offers every annotator). */
  readonly annotators: readonly string[] | null;
  readonly doc: string | null;
  /** Step only through cases where some annotator used this label; null: every case. */
  readonly label: string | null;
}

type Listener = (target: ReviewTarget) => void;

let target: ReviewTarget = { annotators: null, doc: null, label: null };
const listeners = new Set<Listener>();

export const reviewNavigation = {
  get(): ReviewTarget {
    return target;
  },
  set(next: Partial<ReviewTarget>): void {
    target = { ...target, ...next };
    for (const listener of listeners) listener(target);
  },
  /** Returns the function that unsubscribes. */
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
