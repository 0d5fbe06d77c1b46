/**
 * Keyboard selection in read-only text. Browsers extend a selection with Shift+arrows only in
 * editable text (or once a mouse drag has made one); after a plain click there is just an
 * invisible caret that Shift+arrows do not move. The viewer maps the usual editing keys to
 * `Selection.modify('extend', …)`, which works on that caret too, so a person can click and then
 * select by keyboard exactly as in an editor.
 */

export type Direction = 'forward' | 'backward';
export type Granularity = 'character' | 'word' | 'line' | 'lineboundary' | 'documentboundary';

export interface SelectionStep {
  readonly direction: Direction;
  readonly granularity: Granularity;
}

export interface KeyPress {
  readonly key: string;
  readonly shiftKey: boolean;
  readonly ctrlKey: boolean;
  readonly altKey: boolean;
  readonly metaKey: boolean;
}

/**
 * How the key extends the selection, following each platform's editing conventions, or null
 * when it is not a selection key. `mac`: Alt moves by word and Cmd to line/document edges;
 * elsewhere Ctrl moves by word and, with Home/End, to the document edges.
 */
export function selectionStep(press: KeyPress, mac: boolean): SelectionStep | null {
  if (!press.shiftKey) return null;
  const word = mac
    ? press.altKey && !press.metaKey && !press.ctrlKey
    : press.ctrlKey && !press.altKey;
  const edge = mac && press.metaKey && !press.altKey && !press.ctrlKey;
  const plain = !press.ctrlKey && !press.altKey && !press.metaKey;
  const step = (direction: Direction, granularity: Granularity) => ({ direction, granularity });
  switch (press.key) {
    case 'ArrowRight':
    case 'ArrowLeft': {
      const direction = press.key === 'ArrowRight' ? 'forward' : 'backward';
      if (plain) return step(direction, 'character');
      if (word) return step(direction, 'word');
      if (edge) return step(direction, 'lineboundary');
      return null;
    }
    case 'ArrowDown':
    case 'ArrowUp': {
      const direction = press.key === 'ArrowDown' ? 'forward' : 'backward';
      if (plain) return step(direction, 'line');
      if (edge) return step(direction, 'documentboundary');
      return null;
    }
    case 'Home':
    case 'End': {
      const direction = press.key === 'End' ? 'forward' : 'backward';
      if (plain) return step(direction, 'lineboundary');
      if (!mac && press.ctrlKey && !press.altKey && !press.metaKey) {
        return step(direction, 'documentboundary');
      }
      return null;
    }
    default:
      return null;
  }
}

/** Whether the key selects all (Ctrl+A, or Cmd+A on a Mac). */
export function isSelectAll(press: KeyPress, mac: boolean): boolean {
  const modifier = mac ? press.metaKey && !press.ctrlKey : press.ctrlKey && !press.metaKey;
  return modifier && !press.altKey && !press.shiftKey && press.key.toLowerCase() === 'a';
}
