/**
 * Choosing an actor by typing: an editable combobox with a list of matching actors (names and
 * aliases, see entity-match.ts), following the WAI-ARIA combobox pattern — focus stays in the
 * text field, the highlighted option is announced through aria-activedescendant; ArrowDown and
 * ArrowUp move through the options, Enter chooses, Escape closes the list (then clears the text).
 * When nothing matches the typed name exactly, the last option creates an actor of that name.
 */
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { EntityWithUsage } from '../../shared/api';
import { matchEntities, foldForSearch } from './entity-match';
import './entities.css';

type Option =
  { kind: 'entity'; entity: EntityWithUsage; alias?: string } | { kind: 'create'; name: string };

export function EntityCombobox({
  label,
  entities,
  onChoose,
  onCreate,
  placeholder,
  inputId: givenInputId,
}: {
  /** The visible label, which is also the accessible name. */
  label: string;
  entities: readonly EntityWithUsage[];
  onChoose: (entity: EntityWithUsage) => void;
  /** Offered as the last option when no actor has exactly the typed name. */
  onCreate?: (name: string) => void;
  placeholder?: string;
  /** A fixed id for the text field, for a command that focuses it. */
  inputId?: string;
}) {
  const baseId = useId();
  const inputId = givenInputId ?? `${baseId}-input`;
  const listId = `${baseId}-list`;
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const list = useRef<HTMLUListElement>(null);

  const options = useMemo<Option[]>(() => {
    const found: Option[] = matchEntities(entities, query).map((m) => ({
      kind: 'entity',
      entity: m.entity,
      alias: m.alias,
    }));
    const typed = query.trim();
    const exact = entities.some((e) => foldForSearch(e.name) === foldForSearch(typed));
    if (onCreate && typed !== '' && !exact) found.push({ kind: 'create', name: typed });
    return found;
  }, [entities, query, onCreate]);

  const shown = open && options.length > 0;
  const optionId = (index: number) => `${baseId}-option-${index}`;

  useEffect(() => {
    if (!shown || active < 0) return;
    list.current?.children[active]?.scrollIntoView({ block: 'nearest' });
  }, [shown, active]);

  const choose = (option: Option) => {
    setQuery('');
    setOpen(false);
    setActive(-1);
    if (option.kind === 'entity') onChoose(option.entity);
    else onCreate?.(option.name);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const count = options.length;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!shown) {
          setOpen(true);
          setActive(count > 0 ? 0 : -1);
        } else setActive((active + 1) % count);
        break;
      case 'ArrowUp':
        event.preventDefault();
        if (!shown) {
          setOpen(true);
          setActive(count - 1);
        } else setActive((active - 1 + count) % count);
        break;
      case 'Enter':
        if (shown && active >= 0 && options[active]) {
          event.preventDefault();
          choose(options[active]);
        }
        break;
      case 'Escape':
        if (shown) setOpen(false);
        else if (query !== '') setQuery('');
        else return;
        // Handled here: the pane must not also close the span panel.
        event.preventDefault();
        event.stopPropagation();
        break;
      case 'Tab':
        setOpen(false);
        break;
    }
  };

  return (
    <div className="entity-combobox">
      <label htmlFor={inputId}>{label}</label>
      <input
        id={inputId}
        type="text"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        aria-autocomplete="list"
        aria-expanded={shown}
        aria-controls={listId}
        aria-activedescendant={shown && active >= 0 ? optionId(active) : undefined}
        placeholder={placeholder}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(true);
          setActive(e.target.value.trim() === '' ? -1 : 0);
        }}
        onFocus={() => setOpen(query.trim() !== '')}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} ref={list} role="listbox" aria-label={label} hidden={!shown}>
        {shown &&
          options.map((option, index) => (
            <li
              key={option.kind === 'entity' ? option.entity.id : 'create'}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              className={option.kind === 'create' ? 'create-option' : undefined}
              // Keeps the focus in the text field, so the list does not close before the click.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(option)}
              onMouseMove={() => index !== active && setActive(index)}
            >
              {option.kind === 'entity' ? (
                <EntityOption entity={option.entity} alias={option.alias} />
              ) : (
                <>Create actor “{option.name}”</>
              )}
            </li>
          ))}
      </ul>
    </div>
  );
}

function EntityOption({ entity, alias }: { entity: EntityWithUsage; alias?: string }) {
  return (
    <>
      <span className="option-name">{entity.name}</span>
      {alias && <span className="option-alias"> (as “{alias}”)</span>}
      <span className="option-meta">
        {' · '}
        {kindLabel(entity.kind)}
        {entity.qid ? ` · ${entity.qid}` : ''} · {entity.usage}{' '}
        {entity.usage === 1 ? 'span' : 'spans'}
      </span>
    </>
  );
}

/** "government_body" → "government body". */
export function kindLabel(kind: string): string {
  return kind.replace(/_/g, ' ');
}
