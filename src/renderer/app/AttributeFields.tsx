/**
 * The attribute fields of the selected span, one per attribute the codebook gives its label:
 * enum → radio group (a select beyond nine values), boolean → yes/no radio group (so "not set"
 * stays visible), number and text → input fields saved on Enter or when focus leaves them.
 * Entity references are the entity link section's business; here they are a plain id field.
 *
 * Keyboard: Tab moves from field to field; in a choice field 1–9 pick the first…ninth value and
 * 0 clears it; Escape returns to the text (the key A comes back here). Required attributes that
 * are not set are marked (aria-invalid, a note), as the viewer outlines the span.
 */
import { useRef, useState, type KeyboardEvent } from 'react';
import type { Annotation, AttributeDef, AttributeValue, LabelDef } from '../../shared/model';
import { isMissingValue } from '../../shared/required-attributes';
import './statements.css';

/** Choices beyond this many are a select instead of a radio group. */
const MAX_RADIOS = 9;

/** Marks each field's focus target, so that `focusAttributeField` can find the first one. */
const FIELD_ATTRIBUTE = 'data-attribute-field';

/** Focuses the first attribute field under `root` (a radio group's checked or first choice). */
export function focusAttributeField(root: ParentNode = document): boolean {
  const field = root.querySelector<HTMLElement>(`[${FIELD_ATTRIBUTE}]`);
  if (!field) return false;
  const target =
    field.querySelector<HTMLElement>('input:checked') ??
    field.querySelector<HTMLElement>('input, select') ??
    field;
  target.focus();
  return true;
}

export function AttributeFields({
  labelDef,
  annotation,
  missing,
  onAttribute,
  onLeave,
}: {
  labelDef: LabelDef;
  annotation: Annotation;
  /** Required attributes the span lacks. */
  missing: readonly string[];
  onAttribute: (name: string, value: AttributeValue) => void;
  /** Escape in a field: give the keyboard back to the text. */
  onLeave: () => void;
}) {
  if (labelDef.attributes.length === 0) return null;
  return (
    <section className="panel-attributes" aria-label="Attributes">
      {missing.length > 0 && (
        <p className="attr-missing-summary" role="note">
          Required, not set yet: {missing.join(', ')}.
        </p>
      )}
      {labelDef.attributes.map((attr, index) => (
        <AttributeField
          key={`${annotation.id}\u0000${attr.name}`}
          id={`attr-${annotation.id}-${index}`}
          attr={attr}
          value={annotation.attributes[attr.name]}
          missing={missing.includes(attr.name)}
          onChange={(value) => onAttribute(attr.name, value)}
          onLeave={onLeave}
        />
      ))}
      <p className="attr-hint" aria-hidden="true">
        <kbd>Tab</kbd> next field · <kbd>1</kbd>–<kbd>9</kbd> choose · <kbd>0</kbd> clear ·{' '}
        <kbd>Esc</kbd> back to the text
      </p>
    </section>
  );
}

interface FieldProps {
  id: string;
  attr: AttributeDef;
  value: AttributeValue | undefined;
  missing: boolean;
  onChange: (value: AttributeValue) => void;
  onLeave: () => void;
}

function AttributeField(props: FieldProps) {
  const { attr } = props;
  switch (attr.type) {
    case 'enum': {
      const values = attr.values ?? [];
      const choices = values.map((v) => ({
        value: v as AttributeValue,
        text: v.replace(/_/g, ' '),
      }));
      return values.length > MAX_RADIOS ? (
        <SelectField {...props} choices={choices} />
      ) : (
        <ChoiceField {...props} choices={choices} />
      );
    }
    case 'boolean':
      return (
        <ChoiceField
          {...props}
          choices={[
            { value: true, text: 'yes' },
            { value: false, text: 'no' },
          ]}
        />
      );
    case 'number':
    case 'text':
    case 'entity':
      return <InputField {...props} />;
  }
}

interface Choice {
  value: AttributeValue;
  text: string;
}

/** 1–9 pick a choice, 0 clears, Escape leaves: the keys every choice field shares. */
function choiceKeys(
  event: KeyboardEvent,
  choices: readonly Choice[],
  { onChange, onLeave }: Pick<FieldProps, 'onChange' | 'onLeave'>,
): void {
  if (event.altKey || event.ctrlKey || event.metaKey) return;
  if (event.key === 'Escape') {
    event.preventDefault();
    onLeave();
    return;
  }
  if (!/^[0-9]$/.test(event.key)) return;
  const n = Number(event.key);
  if (n > choices.length) return;
  event.preventDefault();
  onChange(n === 0 ? null : choices[n - 1]!.value);
}

function Legend({ attr, missing }: Pick<FieldProps, 'attr' | 'missing'>) {
  return (
    <>
      {attr.name.replace(/_/g, ' ')}
      {attr.required && (
        <span className={missing ? 'attr-required is-missing' : 'attr-required'}>
          {missing ? ' · required, not set' : ' · required'}
        </span>
      )}
    </>
  );
}

function ChoiceField({
  id,
  attr,
  value,
  missing,
  onChange,
  onLeave,
  choices,
}: FieldProps & { choices: Choice[] }) {
  const current = isMissingValue(value) ? null : value;
  return (
    <fieldset
      className="panel-field attr-choice"
      {...{ [FIELD_ATTRIBUTE]: '' }}
      aria-required={attr.required || undefined}
      aria-invalid={missing || undefined}
      title={attr.description || undefined}
      onKeyDown={(e) => choiceKeys(e, choices, { onChange, onLeave })}
    >
      <legend>
        <Legend attr={attr} missing={missing} />
      </legend>
      <div className="attr-choices">
        {choices.map((choice, i) => (
          <label key={String(choice.value)} className="attr-choice-option">
            <input
              type="radio"
              name={id}
              checked={current === choice.value}
              onChange={() => onChange(choice.value)}
            />
            <kbd aria-hidden="true">{i + 1}</kbd>
            {choice.text}
          </label>
        ))}
        {current !== null && (
          <button
            type="button"
            className="attr-clear"
            aria-label={`Clear ${attr.name}`}
            title="Clear (0)"
            onClick={() => onChange(null)}
          >
            clear
          </button>
        )}
      </div>
    </fieldset>
  );
}

function SelectField({
  id,
  attr,
  value,
  missing,
  onChange,
  onLeave,
  choices,
}: FieldProps & { choices: Choice[] }) {
  return (
    <div className="panel-field">
      <label htmlFor={id}>
        <Legend attr={attr} missing={missing} />
      </label>
      <select
        id={id}
        {...{ [FIELD_ATTRIBUTE]: '' }}
        aria-required={attr.required || undefined}
        aria-invalid={missing || undefined}
        title={attr.description || undefined}
        value={typeof value === 'string' ? value : ''}
        onKeyDown={(e) => choiceKeys(e, choices, { onChange, onLeave })}
        onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}
      >
        <option value="">—</option>
        {choices.map((c) => (
          <option key={String(c.value)} value={String(c.value)}>
            {c.text}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Text, number and entity id: saved on Enter or when focus leaves; Escape undoes the typing. */
function InputField({ id, attr, value, missing, onChange, onLeave }: FieldProps) {
  const initial = value === null || value === undefined ? '' : String(value);
  const [draft, setDraft] = useState(initial);
  const [shown, setShown] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  /** Set by Escape: the blur that follows must not save what was typed. */
  const discard = useRef(false);
  /** The text last saved, so that Enter and the blur after it do not save twice. */
  const saved = useRef(initial);
  const isNumber = attr.type === 'number';
  if (shown !== initial) {
    // The value changed elsewhere (undo, another field's save): show it.
    setShown(initial);
    setDraft(initial);
  }

  const commit = (): void => {
    if (discard.current || draft === initial || draft === saved.current) return;
    const blank = draft.trim() === '';
    const number = Number(draft.trim());
    if (isNumber && !blank && !Number.isFinite(number)) {
      setProblem(`“${draft}” is not a number.`);
      return;
    }
    setProblem(null);
    saved.current = draft;
    onChange(blank ? null : isNumber ? number : draft);
  };

  return (
    <div className="panel-field">
      <label htmlFor={id}>
        <Legend attr={attr} missing={missing} />
        {attr.type === 'entity' && <span className="attr-required"> · entity id</span>}
      </label>
      <input
        id={id}
        {...{ [FIELD_ATTRIBUTE]: '' }}
        type="text"
        inputMode={isNumber ? 'decimal' : undefined}
        aria-required={attr.required || undefined}
        aria-invalid={missing || problem !== null || undefined}
        aria-describedby={problem ? `${id}-problem` : undefined}
        title={attr.description || undefined}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onFocus={() => {
          discard.current = false;
        }}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit();
          } else if (e.key === 'Escape') {
            e.preventDefault();
            discard.current = true;
            setDraft(initial);
            setProblem(null);
            onLeave();
          }
        }}
      />
      {problem && (
        <p id={`${id}-problem`} className="attr-problem" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
