/**
 * User commands as data (after Excalidraw's actions): each has an id, a title, the keys that run
 * it and a `perform`. One dispatcher serves the keyboard, the command palette, buttons and the
 * shortcut sheet alike, so a command cannot work from one and be missing from another.
 */
import { chordOf, type Chord, type KeyLike } from './keys';

export interface Action<C> {
  readonly id: string;
  /** Imperative, shown in the command palette and the shortcut sheet ("Tag as Actor"). */
  readonly title: string;
  /** Section of the shortcut sheet. */
  readonly group: string;
  readonly keys?: readonly Chord[];
  /** Whether it applies now; a disabled action's keys fall through to the next match. */
  enabled?(ctx: C): boolean;
  perform(ctx: C): unknown;
}

/** Runs the first enabled action bound to the event's chord. Returns whether one ran. */
export function runKeyAction<C>(
  actions: readonly Action<C>[],
  ctx: C,
  event: KeyLike,
  isMac: boolean,
  onError: (error: unknown) => void,
): boolean {
  const chord = chordOf(event, isMac);
  if (chord === null) return false;
  const action = actions.find((a) => a.keys?.includes(chord) && (a.enabled?.(ctx) ?? true));
  if (!action) return false;
  runAction(action, ctx, onError);
  return true;
}

export function runAction<C>(action: Action<C>, ctx: C, onError: (error: unknown) => void): void {
  try {
    const result = action.perform(ctx);
    if (result instanceof Promise) result.catch(onError);
  } catch (error) {
    onError(error);
  }
}

/** True when keys typed into this element belong to it (a form field), not to the shortcuts. */
export function isTypingTarget(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el?.closest?.('input, textarea, select, [contenteditable="true"]');
}
