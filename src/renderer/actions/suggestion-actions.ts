/**
 * The keys of the suggestion review list ("find other mentions"): move with j/k or the arrows,
 * a accepts, x rejects, Shift+A accepts every open one. Commands as data like the document
 * actions, run by the list's own key handler (the keys mean this only while the list has focus).
 */
import type { Action } from './action';

/** What a review command may use. */
export interface SuggestionReviewContext {
  /** Moves the current suggestion by `delta` (wrapping never: it stops at the ends). */
  move(delta: number): void;
  acceptCurrent(): Promise<void>;
  rejectCurrent(): void;
  acceptAllOpen(): Promise<void>;
  /** Whether the current suggestion can still be accepted or rejected. */
  currentIsOpen(): boolean;
  /** Whether any suggestion is still neither accepted nor rejected. */
  anyOpen(): boolean;
}

export const suggestionActions: readonly Action<SuggestionReviewContext>[] = [
  {
    id: 'suggestion-next',
    title: 'Next suggestion',
    group: 'Suggestions',
    keys: ['j', 'ArrowDown'],
    perform: (ctx) => ctx.move(1),
  },
  {
    id: 'suggestion-previous',
    title: 'Previous suggestion',
    group: 'Suggestions',
    keys: ['k', 'ArrowUp'],
    perform: (ctx) => ctx.move(-1),
  },
  {
    id: 'suggestion-accept',
    title: 'Accept the suggestion',
    group: 'Suggestions',
    keys: ['a'],
    enabled: (ctx) => ctx.currentIsOpen(),
    perform: (ctx) => ctx.acceptCurrent(),
  },
  {
    id: 'suggestion-reject',
    title: 'Reject the suggestion',
    group: 'Suggestions',
    keys: ['x'],
    enabled: (ctx) => ctx.currentIsOpen(),
    perform: (ctx) => ctx.rejectCurrent(),
  },
  {
    id: 'suggestion-accept-all',
    title: 'Accept all open suggestions',
    group: 'Suggestions',
    keys: ['Shift+a'],
    enabled: (ctx) => ctx.anyOpen(),
    perform: (ctx) => ctx.acceptAllOpen(),
  },
];
