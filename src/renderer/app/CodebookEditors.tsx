/**
 * The codebook screen's editors of one item: a label (colour, hotkey, guideline, overlap policy,
 * attributes with their enum values) and a relation type (allowed source and target labels).
 *
 * Plain edits change the draft (saved together). What is already saved is renamed or deleted
 * through `onRequest`, which opens the change dialog — those migrate annotations; they are
 * offered only while the draft has no unsaved edits (`locked` otherwise).
 */
import { useId, useState, type ReactNode } from 'react';
import { AttributeType } from '../../shared/model';
import {
  addAttribute,
  addValue,
  removeNewAttribute,
  removeNewLabel,
  removeNewRelationType,
  removeNewValue,
  updateAttribute,
  updateLabel,
  updateRelationType,
  type CodebookDraft,
  type DraftAttribute,
  type DraftLabel,
  type DraftRelationType,
} from '../codebook/codebook-draft';
import type { ChangeRequest } from './CodebookChangeDialog';

interface EditorProps {
  draft: CodebookDraft;
  onDraft: (draft: CodebookDraft) => void;
  onRequest: (request: ChangeRequest) => void;
  /** Renames and deletions wait until the draft is saved or discarded. */
  locked: boolean;
}

const LOCKED_HINT = 'Save or discard your edits first: renames and deletions migrate annotations.';

export function LabelEditor({ label, ...props }: EditorProps & { label: DraftLabel }) {
  const { draft, onDraft, onRequest, locked } = props;
  const id = useId();
  const set = (patch: Parameters<typeof updateLabel>[2]) =>
    onDraft(updateLabel(draft, label.key, patch));
  return (
    <section className="codebook-editor" aria-labelledby={`${id}-title`}>
      <header className="editor-head">
        <h2 id={`${id}-title`}>
          <span className="swatch" style={{ background: label.color }} aria-hidden="true" />
          {label.saved ?? (label.name || 'New label')}
        </h2>
        {label.saved !== null ? (
          <div className="editor-actions">
            <OperationButton
              locked={locked}
              onClick={() => onRequest({ kind: 'renameLabel', label: label.saved! })}
            >
              Rename label…
            </OperationButton>
            <OperationButton
              locked={locked}
              danger
              onClick={() => onRequest({ kind: 'deleteLabel', label: label.saved! })}
            >
              Delete label…
            </OperationButton>
          </div>
        ) : (
          <button
            type="button"
            className="danger"
            onClick={() => onDraft(removeNewLabel(draft, label.key))}
          >
            Remove new label
          </button>
        )}
      </header>

      <div className="field-grid">
        {label.saved === null && (
          <Field id={`${id}-name`} label="Name">
            <input
              id={`${id}-name`}
              value={label.name}
              maxLength={64}
              onChange={(e) => set({ name: e.target.value })}
            />
          </Field>
        )}
        <Field id={`${id}-color`} label="Colour">
          <input
            id={`${id}-color`}
            type="color"
            value={label.color}
            onChange={(e) => set({ color: e.target.value })}
          />
        </Field>
        <Field id={`${id}-hotkey`} label="Hotkey" hint="One key; empty for none.">
          <input
            id={`${id}-hotkey`}
            className="hotkey-input"
            value={label.hotkey}
            maxLength={1}
            onChange={(e) => set({ hotkey: e.target.value })}
          />
        </Field>
        <div className="field checkbox-field">
          <label>
            <input
              type="checkbox"
              checked={label.allowOverlap}
              onChange={(e) => set({ allowOverlap: e.target.checked })}
            />
            Spans of this label may overlap each other
          </label>
        </div>
      </div>

      <Field id={`${id}-description`} label="Description (coding guideline)">
        <textarea
          id={`${id}-description`}
          rows={3}
          value={label.description}
          onChange={(e) => set({ description: e.target.value })}
        />
      </Field>
      <Field
        id={`${id}-examples`}
        label="Examples"
        hint="One per line. Shown with the description when the pointer rests on the label while annotating."
      >
        <textarea
          id={`${id}-examples`}
          rows={3}
          value={label.examples}
          onChange={(e) => set({ examples: e.target.value })}
        />
      </Field>

      <h3>Attributes</h3>
      {label.attributes.length === 0 && <p className="muted">No attributes.</p>}
      {label.attributes.map((attribute) => (
        <AttributeEditor key={attribute.key} label={label} attribute={attribute} {...props} />
      ))}
      <button type="button" onClick={() => onDraft(addAttribute(draft, label.key))}>
        Add attribute
      </button>
    </section>
  );
}

function AttributeEditor({
  label,
  attribute,
  draft,
  onDraft,
  onRequest,
  locked,
}: EditorProps & { label: DraftLabel; attribute: DraftAttribute }) {
  const id = useId();
  const [newValue, setNewValue] = useState('');
  const set = (patch: Parameters<typeof updateAttribute>[3]) =>
    onDraft(updateAttribute(draft, label.key, attribute.key, patch));
  const savedLabel = label.saved;
  const addTyped = () => {
    onDraft(addValue(draft, label.key, attribute.key, newValue));
    setNewValue('');
  };
  return (
    <fieldset className="attribute-editor">
      <legend>{attribute.name || 'New attribute'}</legend>
      <div className="field-grid">
        {attribute.saved === null ? (
          <Field id={`${id}-name`} label="Name">
            <input
              id={`${id}-name`}
              value={attribute.name}
              onChange={(e) => set({ name: e.target.value })}
            />
          </Field>
        ) : null}
        <Field id={`${id}-type`} label="Type">
          <select
            id={`${id}-type`}
            value={attribute.type}
            onChange={(e) => set({ type: e.target.value as AttributeType })}
          >
            {AttributeType.options.map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </select>
        </Field>
        <div className="field checkbox-field">
          <label>
            <input
              type="checkbox"
              checked={attribute.required}
              onChange={(e) => set({ required: e.target.checked })}
            />
            Required
          </label>
        </div>
        <Field id={`${id}-description`} label="Description" grow>
          <input
            id={`${id}-description`}
            value={attribute.description}
            onChange={(e) => set({ description: e.target.value })}
          />
        </Field>
      </div>

      {attribute.type === 'enum' && (
        <div className="enum-values">
          <span className="values-title" id={`${id}-values`}>
            Values
          </span>
          <ul aria-labelledby={`${id}-values`}>
            {attribute.values.map((v) => (
              <li key={v.key}>
                <span className="value-name">{v.value}</span>
                {v.saved && savedLabel !== null && attribute.saved !== null ? (
                  <>
                    <OperationButton
                      small
                      locked={locked}
                      aria-label={`Rename value ${v.value}`}
                      onClick={() =>
                        onRequest({
                          kind: 'renameValue',
                          label: savedLabel,
                          attribute: attribute.saved!,
                          value: v.value,
                        })
                      }
                    >
                      Rename…
                    </OperationButton>
                    <OperationButton
                      small
                      danger
                      locked={locked}
                      aria-label={`Delete value ${v.value}`}
                      onClick={() =>
                        onRequest({
                          kind: 'deleteValue',
                          label: savedLabel,
                          attribute: attribute.saved!,
                          value: v.value,
                        })
                      }
                    >
                      Delete…
                    </OperationButton>
                  </>
                ) : (
                  <button
                    type="button"
                    className="small"
                    aria-label={`Remove new value ${v.value}`}
                    onClick={() => onDraft(removeNewValue(draft, label.key, attribute.key, v.key))}
                  >
                    Remove
                  </button>
                )}
              </li>
            ))}
          </ul>
          <div className="add-value">
            <input
              aria-label={`New value of ${attribute.name || 'the attribute'}`}
              placeholder="New value"
              value={newValue}
              onChange={(e) => setNewValue(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  addTyped();
                }
              }}
            />
            <button type="button" onClick={addTyped} disabled={newValue.trim() === ''}>
              Add value
            </button>
          </div>
        </div>
      )}

      <div className="editor-actions">
        {attribute.saved !== null && savedLabel !== null ? (
          <>
            <OperationButton
              locked={locked}
              onClick={() =>
                onRequest({
                  kind: 'renameAttribute',
                  label: savedLabel,
                  attribute: attribute.saved!,
                })
              }
            >
              Rename attribute…
            </OperationButton>
            <OperationButton
              locked={locked}
              danger
              onClick={() =>
                onRequest({
                  kind: 'deleteAttribute',
                  label: savedLabel,
                  attribute: attribute.saved!,
                })
              }
            >
              Delete attribute…
            </OperationButton>
          </>
        ) : (
          <button
            type="button"
            className="danger"
            onClick={() => onDraft(removeNewAttribute(draft, label.key, attribute.key))}
          >
            Remove new attribute
          </button>
        )}
      </div>
    </fieldset>
  );
}

export function RelationTypeEditor({ type, ...props }: EditorProps & { type: DraftRelationType }) {
  const { draft, onDraft, onRequest, locked } = props;
  const id = useId();
  const set = (patch: Parameters<typeof updateRelationType>[2]) =>
    onDraft(updateRelationType(draft, type.key, patch));
  const toggle = (end: 'from' | 'to', labelKey: string, on: boolean) =>
    set({
      [end]: on
        ? draft.labels.map((l) => l.key).filter((k) => k === labelKey || type[end].includes(k))
        : type[end].filter((k) => k !== labelKey),
    });
  return (
    <section className="codebook-editor" aria-labelledby={`${id}-title`}>
      <header className="editor-head">
        <h2 id={`${id}-title`}>Relation type “{type.saved ?? type.name}”</h2>
        {type.saved !== null ? (
          <div className="editor-actions">
            <OperationButton
              locked={locked}
              onClick={() => onRequest({ kind: 'renameRelationType', name: type.saved! })}
            >
              Rename relation type…
            </OperationButton>
            <OperationButton
              locked={locked}
              danger
              onClick={() => onRequest({ kind: 'deleteRelationType', name: type.saved! })}
            >
              Delete relation type…
            </OperationButton>
          </div>
        ) : (
          <button
            type="button"
            className="danger"
            onClick={() => onDraft(removeNewRelationType(draft, type.key))}
          >
            Remove new relation type
          </button>
        )}
      </header>
      {type.saved === null && (
        <Field id={`${id}-name`} label="Name">
          <input
            id={`${id}-name`}
            value={type.name}
            maxLength={64}
            onChange={(e) => set({ name: e.target.value })}
          />
        </Field>
      )}
      <Field id={`${id}-description`} label="Description">
        <input
          id={`${id}-description`}
          value={type.description}
          onChange={(e) => set({ description: e.target.value })}
        />
      </Field>
      <div className="relation-ends">
        {(['from', 'to'] as const).map((end) => (
          <fieldset key={end}>
            <legend>{end === 'from' ? 'Source labels (from)' : 'Target labels (to)'}</legend>
            {draft.labels.map((l) => (
              <label key={l.key} className="choice">
                <input
                  type="checkbox"
                  checked={type[end].includes(l.key)}
                  onChange={(e) => toggle(end, l.key, e.target.checked)}
                />
                <span className="swatch" style={{ background: l.color }} aria-hidden="true" />
                {l.name}
              </label>
            ))}
          </fieldset>
        ))}
      </div>
    </section>
  );
}

function Field({
  id,
  label,
  hint,
  grow,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  /** Takes the rest of its row. */
  grow?: boolean;
  children: ReactNode;
}) {
  return (
    <div className={grow ? 'field grow' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && <span className="field-hint">{hint}</span>}
    </div>
  );
}

/** A rename or delete of something saved: disabled, with the reason, while edits are unsaved. */
function OperationButton({
  locked,
  danger,
  small,
  onClick,
  children,
  ...rest
}: {
  locked: boolean;
  danger?: boolean;
  small?: boolean;
  onClick: () => void;
  children: ReactNode;
  'aria-label'?: string;
}) {
  return (
    <button
      type="button"
      className={[danger ? 'danger' : '', small ? 'small' : ''].filter(Boolean).join(' ')}
      disabled={locked}
      title={locked ? LOCKED_HINT : undefined}
      onClick={onClick}
      {...rest}
    >
      {children}
    </button>
  );
}
