/**
 * What the command palette lists: every action of the open document (whether or not it applies
 * right now, so that a person learns it exists), and the window's own commands (open a
 * document, go to a screen). One shape for both, so the palette needs to know nothing else.
 */
import { runAction, type Action } from '../actions/action';
import type { Chord } from '../actions/keys';

export interface PaletteEntry {
  readonly id: string;
  readonly title: string;
  readonly group: string;
  readonly keys: readonly Chord[];
  /** Whether it can run now; the others are listed as unavailable. */
  readonly enabled: boolean;
  run(): void;
}

/**
 * The actions as entries. `enabledIn` is the context the actions are judged in (the one the
 * palette was opened from); `runIn` gives the context to run in once the palette has closed.
 */
export function actionEntries<C>(
  actions: readonly Action<C>[],
  enabledIn: C,
  runIn: () => C,
  onError: (error: unknown) => void,
): PaletteEntry[] {
  return actions.map((action) => ({
    id: action.id,
    title: action.title,
    group: action.group,
    keys: action.keys ?? [],
    enabled: action.enabled?.(enabledIn) ?? true,
    run: () => runAction(action, runIn(), onError),
  }));
}
