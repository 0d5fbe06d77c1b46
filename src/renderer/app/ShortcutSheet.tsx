/**
 * The shortcut sheet (?): every command of the annotate screen with its keys, grouped as the
 * actions declare, read from the same list the keyboard uses, so it cannot go out of date.
 * The viewer's own selection keys (not commands) are listed after them.
 */
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { Action } from '../actions/action';
import { describeChord, type Chord } from '../actions/keys';
import './coding.css';

/** What the text itself does with keys (viewer/keyboard-selection.ts), per platform. */
function textKeys(isMac: boolean): { title: string; keys: Chord[] }[] {
  const word = isMac ? 'Alt' : 'Mod';
  return [
    { title: 'Select by character', keys: ['Shift+ArrowLeft', 'Shift+ArrowRight'] },
    { title: 'Select by word', keys: [`Shift+${word}+ArrowLeft`, `Shift+${word}+ArrowRight`] },
    { title: 'Select to the end of the line', keys: ['Shift+End'] },
    { title: 'Select everything', keys: ['Mod+a'] },
  ];
}

export function ShortcutSheet({
  actions,
  isMac,
  onClose,
}: {
  actions: readonly Pick<Action<unknown>, 'title' | 'group' | 'keys'>[];
  isMac: boolean;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDivElement>(null);
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);

  const groups = new Map<string, { title: string; keys: readonly Chord[] }[]>();
  for (const action of actions) {
    const rows = groups.get(action.group) ?? [];
    rows.push({ title: action.title, keys: action.keys ?? [] });
    groups.set(action.group, rows);
  }
  groups.set('In the text', textKeys(isMac));

  const onKeyDown = (event: KeyboardEvent) => {
    // The sheet is modal: no key reaches the document's shortcuts behind it.
    event.stopPropagation();
    if (event.key === 'Escape' || event.key === '?') {
      event.preventDefault();
      onClose();
    } else if (event.key === 'Tab') {
      const stops = [
        ...(dialog.current?.querySelectorAll<HTMLElement>('button, [tabindex="0"]') ?? []),
      ];
      const at = stops.indexOf(document.activeElement as HTMLElement);
      const next = (at + (event.shiftKey ? -1 : 1) + stops.length) % stops.length;
      stops[next]?.focus();
      event.preventDefault();
    }
  };

  return (
    <div className="modal-backdrop" onMouseDown={onClose}>
      <div
        ref={dialog}
        className="shortcut-sheet"
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcut-sheet-title"
        onKeyDown={onKeyDown}
        onMouseDown={(e) => e.stopPropagation()}
      >
        <div className="sheet-head">
          <h2 id="shortcut-sheet-title">Keyboard shortcuts</h2>
          <button ref={close} type="button" onClick={onClose} aria-label="Close the shortcut sheet">
            ×
          </button>
        </div>
        <p className="sheet-hint">
          Selections made with the mouse snap to whole words; hold {isMac ? '⌥' : 'Alt'} while
          selecting to keep the exact characters. {isMac ? '⌘K' : 'Ctrl+K'} finds any command by
          name.
        </p>
        <div className="sheet-body" tabIndex={0} aria-label="Shortcuts">
          {[...groups].map(([group, rows]) => (
            <section key={group} className="sheet-group" aria-labelledby={`sheet-${group}`}>
              <h3 id={`sheet-${group}`}>{group}</h3>
              <table>
                <tbody>
                  {rows.map((row) => (
                    <tr key={row.title}>
                      <th scope="row">{row.title}</th>
                      <td>
                        {row.keys.length === 0 ? (
                          <span className="muted">palette only</span>
                        ) : (
                          row.keys.map((chord, i) => (
                            <span key={chord}>
                              {i > 0 && <span className="muted"> or </span>}
                              <kbd>{describeChord(chord, isMac)}</kbd>
                            </span>
                          ))
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ))}
        </div>
      </div>
    </div>
  );
}
