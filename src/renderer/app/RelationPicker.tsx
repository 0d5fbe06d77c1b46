/**
 * The relation picker (key R, or "Link to…" in the side panel): the spans the selected span may
 * be linked to, nearest first, each with its label, text and the relation it would get. A combo
 * box: focus stays in the filter field, ↑/↓ move the highlighted row, typing filters, Enter links,
 * Escape cancels; 1–9 choose the relation type when more than one fits (relation-picker-model.ts).
 * Focus goes back where it came from when the picker closes.
 */
import {
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
} from 'react';
import type { Annotation, Codebook } from '../../shared/model';
import type { RelationCandidate } from '../../shared/relation-rules';
import {
  INITIAL_PICKER_STATE,
  MAX_ROWS,
  candidateTypes,
  filterCandidates,
  pickerKey,
  type PickerState,
} from './relation-picker-model';
import './statements.css';

export function RelationPicker({
  codebook,
  source,
  candidates,
  placement,
  onActiveChange,
  onPick,
  onClose,
}: {
  codebook: Codebook;
  source: Annotation;
  candidates: readonly RelationCandidate[];
  /** The side of the pane it floats at: the one away from the source span. */
  placement: 'top' | 'bottom';
  /** The highlighted candidate, for a preview in the text; null when none is. */
  onActiveChange: (candidate: RelationCandidate | null) => void;
  onPick: (candidate: RelationCandidate) => void;
  onClose: () => void;
}) {
  const [state, setState] = useState<PickerState>(INITIAL_PICKER_STATE);
  const types = useMemo(() => candidateTypes(candidates, codebook), [candidates, codebook]);
  const filtered = useMemo(() => filterCandidates(candidates, state), [candidates, state]);
  const rows = filtered.slice(0, MAX_ROWS);
  const active = rows[state.active] ?? null;
  const id = useId();
  const list = useRef<HTMLUListElement>(null);
  const colors = useMemo(
    () => new Map(codebook.labels.map((l) => [l.name, l.color])),
    [codebook.labels],
  );

  // Focus returns to where the person was (the text, or the panel's "Link to…" button).
  useLayoutEffect(() => {
    const before = document.activeElement;
    return () => {
      if (before instanceof HTMLElement && before.isConnected)
        before.focus({ preventScroll: true });
    };
  }, []);

  useEffect(() => {
    onActiveChange(active);
  }, [active, onActiveChange]);

  useEffect(() => {
    list.current
      ?.querySelector('[aria-selected="true"]')
      ?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [state.active, state.query, state.type]);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const action = pickerKey(event.key, state, rows.length, types);
    if (action.kind === 'none') return;
    event.preventDefault();
    event.stopPropagation();
    if (action.kind === 'move') setState((s) => ({ ...s, active: action.to }));
    else if (action.kind === 'type') setState((s) => ({ ...s, type: action.type, active: 0 }));
    else if (action.kind === 'cancel') onClose();
    else if (active) onPick(active);
  };

  const optionId = (index: number) => `${id}-option-${index}`;
  const hidden = filtered.length - rows.length;

  return (
    <div
      className={`relation-picker is-${placement}`}
      role="dialog"
      aria-label={`Link ${source.label} “${clip(source.quote, 60)}” to…`}
    >
      <div className="relation-picker-head">
        <span className="relation-picker-title">
          Link <LabelName label={source.label} color={colors.get(source.label)} />
          <q>{clip(source.quote, 48)}</q> to…
        </span>
      </div>
      {types.length > 1 && (
        <div className="relation-picker-types" role="radiogroup" aria-label="Relation type">
          {[null, ...types].map((type, i) => (
            <button
              key={type ?? ''}
              type="button"
              role="radio"
              aria-checked={state.type === type}
              tabIndex={-1}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => setState((s) => ({ ...s, type, active: 0 }))}
            >
              <kbd aria-hidden="true">{i}</kbd> {type ?? 'any relation'}
            </button>
          ))}
        </div>
      )}
      <input
        className="relation-picker-filter"
        type="text"
        role="combobox"
        aria-label="Filter the spans to link to"
        aria-expanded="true"
        aria-controls={`${id}-list`}
        aria-activedescendant={active ? optionId(state.active) : undefined}
        aria-autocomplete="list"
        placeholder="Type to filter…"
        autoFocus
        value={state.query}
        onChange={(e) => setState((s) => ({ ...s, query: e.target.value, active: 0 }))}
        onKeyDown={onKeyDown}
        onBlur={(e) => {
          // Clicking outside the picker closes it, as Escape does.
          const next = e.relatedTarget;
          if (!(
            next instanceof Node && e.currentTarget.closest('.relation-picker')?.contains(next)
          ))
            onClose();
        }}
      />
      <ul
        ref={list}
        id={`${id}-list`}
        className="relation-picker-list"
        role="listbox"
        aria-label="Spans to link to, nearest first"
      >
        {rows.map((c, i) => (
          <li
            key={`${c.span.id} ${c.type} ${c.direction}`}
            id={optionId(i)}
            role="option"
            aria-selected={i === state.active}
            aria-label={`${describeLink(c)}: ${c.span.label} “${clip(c.span.quote, 80)}”`}
            onMouseDown={(e) => e.preventDefault()}
            onMouseMove={() => i !== state.active && setState((s) => ({ ...s, active: i }))}
            onClick={() => onPick(c)}
          >
            <span className="relation-picker-link">{describeLink(c)}</span>
            <LabelName label={c.span.label} color={colors.get(c.span.label)} />
            <span className="relation-picker-quote">{clip(c.span.quote, 90)}</span>
          </li>
        ))}
      </ul>
      {rows.length === 0 && (
        <p className="relation-picker-empty" role="status">
          {candidates.length === 0
            ? 'Nothing left to link: every fitting span is linked already.'
            : 'No span matches. Backspace widens the search.'}
        </p>
      )}
      {hidden > 0 && (
        <p className="relation-picker-more">{hidden} more further away: type to narrow the list.</p>
      )}
      <p className="relation-picker-hint" aria-hidden="true">
        <kbd>↑</kbd>
        <kbd>↓</kbd> choose · type to filter
        {types.length > 1 && (
          <>
            {' '}
            · <kbd>1</kbd>–<kbd>{types.length}</kbd> relation type
          </>
        )}{' '}
        · <kbd>Enter</kbd> link · <kbd>Esc</kbd> cancel
      </p>
    </div>
  );
}

/** "made by →" for an outgoing link, "← about" for one the candidate makes to the source. */
export function describeLink(c: Pick<RelationCandidate, 'type' | 'direction'>): string {
  return c.direction === 'outgoing' ? `${c.type} →` : `← ${c.type}`;
}

export function LabelName({ label, color }: { label: string; color: string | undefined }) {
  return (
    <span className="statement-label" style={{ ['--label-color' as string]: color ?? '#6b7280' }}>
      <span className="swatch" aria-hidden="true" />
      {label}
    </span>
  );
}

export function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
