/**
 * The current review case: each annotator's version side by side (label, text, attributes),
 * where it stands (settled, how, by whom), and the decisions — accept a version (1, 2, 3…),
 * edit one (E), reject (X). The edit form sets label, attributes and boundaries; boundaries come
 * from a text selection in any column.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { AttributeValue, Attributes, Codebook } from '../../shared/model';
import { canonicalAttributes } from '../../shared/review/review-cases';
import type { EditedSpan } from '../../shared/review/review-schema';
import type { ReviewedCase } from '../../shared/review/adjudication';
import { kindName } from '../review/review-actions';
import type { ReviewSession } from '../review/review-session';
import type { TextSelectionRange } from '../viewer/document-viewer';

export interface EditRequest {
  /** The version the edit starts from. */
  readonly from: string;
}

export function CasePanel({
  session,
  codebook,
  text,
  edit,
  onAccept,
  onReject,
  onStartEdit,
  onSaveEdit,
  onCancelEdit,
  selection,
}: {
  session: ReviewSession;
  codebook: Codebook;
  /** The document's text, for the edited span's quote. */
  text: string;
  edit: EditRequest | null;
  onAccept: (annotator: string) => void;
  onReject: () => void;
  onStartEdit: (from: string) => void;
  onSaveEdit: (span: EditedSpan, from: string) => void;
  onCancelEdit: () => void;
  /** The text selected in a column, for the edited span's boundaries. */
  selection: () => TextSelectionRange | null;
}) {
  const current = session.current;
  const list = session.disagreements();
  if (!current) {
    return (
      <section className="case-panel" aria-label="Current case">
        <p className="muted">
          {list.length === 0
            ? session.label
              ? `No disagreements on ${session.label} in this document.`
              : 'No disagreements in this document: the annotators agree on every span.'
            : 'Press N for the next disagreement, or click a span in a column.'}
        </p>
      </section>
    );
  }
  const state = session.stateOf(current);
  const gold = state.settled
    ? session.curated.annotations.find((a) => a.id === state.decision.span)
    : undefined;
  const position = list.indexOf(current);
  const also = current.differences.filter((d) => d !== 'presence').slice(1);
  return (
    <section className="case-panel" aria-label="Current case">
      <div className="case-head">
        <h3>
          {position >= 0 ? `Disagreement ${position + 1} of ${list.length}` : 'Agreed span'}
          <span className={`case-kind kind-${current.kind}`}>{kindName(current.kind)}</span>
          {also.length > 0 && <span className="muted"> also {also.join(', ')}</span>}
        </h3>
        <p className="case-state" role="status">
          {describeState(state)}
        </p>
      </div>
      <div className="case-versions">
        {session.annotators.map((name, i) => {
          const version = current.versions.find((v) => v.annotator === name);
          const label = version && codebook.labels.find((l) => l.name === version.span.label);
          return (
            <div
              key={name}
              className="case-version"
              role="group"
              aria-label={`${name}'s version`}
              style={{ ['--label-color' as string]: label?.color ?? '#888' }}
            >
              <div className="case-version-who">
                {name}
                {gold?.sources.includes(name) && <span className="in-gold">in the gold layer</span>}
              </div>
              {version ? (
                <>
                  <div className="case-version-label">
                    <span className="swatch" aria-hidden="true" />
                    {version.span.label}
                  </div>
                  <blockquote className="case-quote">{version.span.quote}</blockquote>
                  <AttributeList attributes={version.span.attributes} />
                  <div className="case-version-actions">
                    <button type="button" onClick={() => onAccept(name)}>
                      Accept {name}&apos;s <kbd className="hotkey">{i + 1}</kbd>
                    </button>
                    <button type="button" onClick={() => onStartEdit(name)}>
                      Edit…
                    </button>
                  </div>
                </>
              ) : (
                <p className="muted case-nothing">marked nothing here</p>
              )}
            </div>
          );
        })}
      </div>
      <div className="case-actions">
        <button
          type="button"
          onClick={() => onStartEdit(current.versions[0]!.annotator)}
          aria-keyshortcuts="E"
        >
          Edit <kbd className="hotkey">E</kbd>
        </button>
        <button type="button" className="danger" onClick={onReject} aria-keyshortcuts="X">
          Reject <kbd className="hotkey">X</kbd>
        </button>
      </div>
      {edit && (
        <EditForm
          key={`${current.key}:${edit.from}`}
          reviewCase={current}
          from={edit.from}
          codebook={codebook}
          text={text}
          selection={selection}
          onSave={onSaveEdit}
          onCancel={onCancelEdit}
        />
      )}
    </section>
  );
}

function describeState(state: ReturnType<ReviewSession['stateOf']>): string {
  if (!state.decision) return 'Not settled yet.';
  const { outcome, by } = state.decision;
  const how = outcome === 'rejected' ? 'rejected' : `${outcome} into the gold layer`;
  return state.settled
    ? `Settled: ${how} by ${by}.`
    : `Was ${how} by ${by}, but the annotators' spans changed since: settle it again.`;
}

function AttributeList({ attributes }: { attributes: Attributes }) {
  const entries = Object.entries(attributes).filter(([, v]) => v !== null);
  if (entries.length === 0) return null;
  return (
    <dl className="case-attributes">
      {entries.map(([name, value]) => (
        <div key={name}>
          <dt>{name}</dt>
          <dd>{String(value)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The edit form: a version's label, attributes and boundaries, changed before it is saved. */
function EditForm({
  reviewCase,
  from,
  codebook,
  text,
  selection,
  onSave,
  onCancel,
}: {
  reviewCase: ReviewedCase;
  from: string;
  codebook: Codebook;
  text: string;
  selection: () => TextSelectionRange | null;
  onSave: (span: EditedSpan, from: string) => void;
  onCancel: () => void;
}) {
  const base = reviewCase.versions.find((v) => v.annotator === from)!.span;
  const [label, setLabel] = useState(base.label);
  const [attributes, setAttributes] = useState<Attributes>(base.attributes);
  const [range, setRange] = useState({ start: base.start, end: base.end });
  const [hint, setHint] = useState('');
  const first = useRef<HTMLSelectElement>(null);
  useEffect(() => first.current?.focus(), []);
  const labelDef = codebook.labels.find((l) => l.name === label);
  const changed =
    label !== base.label ||
    range.start !== base.start ||
    range.end !== base.end ||
    canonicalAttributes(attributes) !== canonicalAttributes(base.attributes);

  const set = (name: string, value: AttributeValue) =>
    setAttributes((a) => ({ ...a, [name]: value }));

  const takeSelection = () => {
    const selected = selection();
    if (!selected) {
      setHint('Select the text in any column first, then press this again.');
      return;
    }
    setRange({ start: selected.start, end: selected.end });
    setHint('');
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onCancel();
    }
  };

  return (
    <form
      className="case-edit"
      aria-label={`Edit ${from}'s version`}
      onKeyDown={onKeyDown}
      onSubmit={(event) => {
        event.preventDefault();
        onSave({ label, start: range.start, end: range.end, attributes }, from);
      }}
    >
      <div className="case-edit-row">
        <label>
          Label{' '}
          <select ref={first} value={label} onChange={(e) => setLabel(e.target.value)}>
            {codebook.labels.map((l) => (
              <option key={l.name} value={l.name}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
        {labelDef?.attributes.map((attr) => (
          <label key={attr.name}>
            {attr.name}{' '}
            {attr.type === 'enum' || attr.type === 'boolean' ? (
              <select
                value={attributes[attr.name] === undefined ? '' : String(attributes[attr.name])}
                onChange={(e) =>
                  set(
                    attr.name,
                    e.target.value === ''
                      ? null
                      : attr.type === 'boolean'
                        ? e.target.value === 'true'
                        : e.target.value,
                  )
                }
              >
                <option value="">—</option>
                {(attr.type === 'boolean' ? ['true', 'false'] : (attr.values ?? [])).map((v) => (
                  <option key={v} value={v}>
                    {attr.type === 'boolean' ? (v === 'true' ? 'yes' : 'no') : v}
                  </option>
                ))}
              </select>
            ) : (
              <input
                type={attr.type === 'number' ? 'number' : 'text'}
                value={
                  attributes[attr.name] === undefined || attributes[attr.name] === null
                    ? ''
                    : String(attributes[attr.name])
                }
                onChange={(e) =>
                  set(
                    attr.name,
                    e.target.value === ''
                      ? null
                      : attr.type === 'number'
                        ? Number(e.target.value)
                        : e.target.value,
                  )
                }
              />
            )}
          </label>
        ))}
      </div>
      <div className="case-edit-row">
        <span className="case-edit-quote">
          Text: <q>{text.slice(range.start, range.end)}</q>{' '}
          <span className="muted">
            ({range.start}–{range.end})
          </span>
        </span>
        <button type="button" onClick={takeSelection}>
          Use the text selected in a column
        </button>
        <span className="muted" role="status">
          {hint}
        </span>
      </div>
      <div className="case-edit-row">
        <button type="submit" className="primary">
          {changed ? 'Save the edited version' : `Save (same as ${from}'s)`}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
