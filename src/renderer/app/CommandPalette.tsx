/**
 * The command palette (Ctrl/Cmd+K): a text field that filters every command fuzzily, and the
 * list of matches; Enter or a click runs the chosen one. WAI-ARIA combobox pattern: the field
 * keeps the focus and points at the active option (aria-activedescendant), so a screen reader
 * reads each option as the arrows move.
 */
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { fuzzyFilter } from '../../shared/fuzzy-match';
import { describeChord } from '../actions/keys';
import type { PaletteEntry } from '../coding/palette-entries';
import './coding.css';

/** More matches than this are not drawn; typing narrows them down. */
const MAX_SHOWN = 60;

export function CommandPalette({
  entries,
  isMac,
  onRun,
  onClose,
}: {
  entries: readonly PaletteEntry[];
  isMac: boolean;
  /** Closes the palette and runs the entry. */
  onRun: (entry: PaletteEntry) => void;
  onClose: () => void;
}) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const list = useRef<HTMLUListElement>(null);
  const matches = useMemo(
    () => fuzzyFilter(entries, query, (e) => e.title).slice(0, MAX_SHOWN),
    [entries, query],
  );
  const current = matches[Math.min(active, matches.length - 1)];
  const optionId = (index: number) => `${listId}-option-${index}`;

  useEffect(() => {
    list.current
      ?.querySelector(`[aria-selected="true"]`)
      ?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [active, query]);

  const choose = (entry: PaletteEntry | undefined) => {
    if (entry?.enabled) onRun(entry);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const last = matches.length - 1;
    const moves: Record<string, number> = {
      ArrowDown: Math.min(active + 1, last),
      ArrowUp: Math.max(active - 1, 0),
      PageDown: Math.min(active + 8, last),
      PageUp: Math.max(active - 8, 0),
    };
    if (event.key in moves) {
      setActive(moves[event.key]!);
    } else if (event.key === 'Enter') {
      choose(current?.item);
    } else if (event.key === 'Escape') {
      onClose();
    } else if (event.key === 'Tab') {
      // The field is the dialog's only stop: Tab must not wander behind the modal.
    } else {
      return;
    }
    event.preventDefault();
  };

  return (
    <div className="modal-backdrop palette-backdrop" onMouseDown={onClose}>
      <div
        className="command-palette"
        role="dialog"
        aria-modal="true"
        aria-label="Command palette"
        onMouseDown={(e) => e.stopPropagation()}
      >
        <input
          className="palette-input"
          role="combobox"
          aria-expanded="true"
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={current ? optionId(matches.indexOf(current)) : undefined}
          aria-label="Command"
          placeholder="Type a command, a document or a screen…"
          autoFocus
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
        <ul id={listId} ref={list} className="palette-list" role="listbox" aria-label="Commands">
          {matches.map(({ item, match }, index) => (
            <li
              key={item.id}
              id={optionId(index)}
              role="option"
              aria-selected={item === current?.item}
              aria-disabled={!item.enabled || undefined}
              className="palette-option"
              onMouseMove={() => setActive(index)}
              onClick={() => choose(item)}
            >
              <span className="palette-title">
                <Highlighted text={item.title} positions={match.positions} />
                {!item.enabled && (
                  <span className="palette-unavailable"> — not available here</span>
                )}
              </span>
              <span className="palette-group">{item.group}</span>
              {item.keys.length > 0 && (
                <kbd className="palette-keys">{describeChord(item.keys[0]!, isMac)}</kbd>
              )}
            </li>
          ))}
          {matches.length === 0 && (
            <li className="palette-empty" role="option" aria-selected="false" aria-disabled="true">
              No command matches “{query}”.
            </li>
          )}
        </ul>
      </div>
    </div>
  );
}

/** The title with the characters the query matched in bold. */
function Highlighted({ text, positions }: { text: string; positions: readonly number[] }) {
  if (positions.length === 0) return <>{text}</>;
  const marked = new Set(positions);
  const parts: { text: string; hit: boolean }[] = [];
  for (let i = 0; i < text.length;) {
    const ch = String.fromCodePoint(text.codePointAt(i)!);
    const hit = marked.has(i);
    const last = parts.at(-1);
    if (last && last.hit === hit) last.text += ch;
    else parts.push({ text: ch, hit });
    i += ch.length;
  }
  return (
    <>{parts.map((p, i) => (p.hit ? <b key={i}>{p.text}</b> : <span key={i}>{p.text}</span>))}</>
  );
}
