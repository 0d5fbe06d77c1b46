/**
 * The annotation list: every span of the open document or of the whole corpus, from your layer,
 * a colleague's or everyone's, filtered by label, attribute value, linked actor and text, and
 * sorted by any column. The main side filters, sorts and cuts pages (listAnnotations), so the
 * window holds one page of 100 rows however large the corpus; choosing a span opens its document
 * on the annotate screen with the span selected and in view.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import type { AnnotationListPage, AnnotationListQuery } from '../../shared/api';
import type { Annotation, AttributeValue, Codebook } from '../../shared/model';
import { unwrap } from '../commands/span-editor';
import type { WorkbenchView } from './screens';
import './annotation-list.css';

const PAGE_SIZE = 100;

const MODIFIED_FORMAT = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'short',
  timeStyle: 'short',
});

type SortKey = NonNullable<AnnotationListQuery['sort']>;

const COLUMNS: { key: SortKey | null; title: string }[] = [
  { key: 'document', title: 'Document' },
  { key: 'label', title: 'Label' },
  { key: 'text', title: 'Text' },
  { key: null, title: 'Attributes' },
  { key: null, title: 'Actor' },
  { key: 'annotator', title: 'Annotator' },
  { key: 'modified', title: 'Modified' },
];

/** A select's value for "linked to no actor" (ids are SAFE_ID, so this can be none of them). */
const NO_ENTITY = ' none';

/** The attribute filters the codebook offers: each enum value, true/false, and "missing". */
function attributeChoices(codebook: Codebook, label: string) {
  const choices: { key: string; text: string; name: string; value: AttributeValue }[] = [];
  const seen = new Set<string>();
  for (const def of codebook.labels) {
    if (label && def.name !== label) continue;
    for (const attr of def.attributes) {
      const values: AttributeValue[] =
        attr.type === 'enum' ? (attr.values ?? []) : attr.type === 'boolean' ? [true, false] : [];
      for (const value of [...values, null]) {
        const key = JSON.stringify([attr.name, value]);
        if (seen.has(key)) continue;
        seen.add(key);
        const shown = value === null ? '(missing)' : String(value).replace(/_/g, ' ');
        choices.push({ key, text: `${attr.name}: ${shown}`, name: attr.name, value });
      }
    }
  }
  return choices;
}

function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export function AnnotationListScreen({ view }: { view: WorkbenchView }) {
  const { client, status, openDoc } = view;
  const [scope, setScope] = useState<'document' | 'corpus'>(openDoc ? 'document' : 'corpus');
  const [annotator, setAnnotator] = useState(''); // '' is your own layer, '*' everyone's
  const [label, setLabel] = useState('');
  const [attribute, setAttribute] = useState('');
  const [entity, setEntity] = useState('');
  const [text, setText] = useState('');
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({
    key: 'document',
    descending: false,
  });
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<AnnotationListPage | null>(null);
  const [entityNames, setEntityNames] = useState<ReadonlyMap<string, string>>(new Map());
  const searched = useDebounced(text, 200);
  const ids = useId();

  const choices = useMemo(() => attributeChoices(view.codebook, label), [view.codebook, label]);
  const chosenAttribute = choices.find((c) => c.key === attribute);

  const query = useMemo<AnnotationListQuery>(
    () => ({
      ...(scope === 'document' && openDoc ? { doc: openDoc } : {}),
      ...(annotator ? { annotator } : {}),
      ...(label ? { label } : {}),
      ...(chosenAttribute
        ? { attribute: { name: chosenAttribute.name, value: chosenAttribute.value } }
        : {}),
      ...(entity ? { entity: entity === NO_ENTITY ? null : entity } : {}),
      ...(searched.trim() ? { text: searched.trim() } : {}),
      sort: sort.key,
      descending: sort.descending,
      offset,
      limit: PAGE_SIZE,
    }),
    [scope, openDoc, annotator, label, chosenAttribute, entity, searched, sort, offset],
  );

  useEffect(() => {
    let current = true;
    client.listAnnotations(query).then((result) => {
      if (!current) return;
      if (result.ok) setPage(result.value);
      else status.error(result.error.message);
    }, status.error);
    return () => {
      current = false;
    };
    // `status` changes with every message; the query alone decides what to fetch.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, query]);

  // Actor names for the actor column and filter; ids are shown if the registry cannot be read.
  useEffect(() => {
    client.listEntities({}).then(
      (result) => setEntityNames(new Map(unwrap(result).map((e) => [e.id, e.name]))),
      () => undefined,
    );
  }, [client]);

  /** Sets a filter and goes back to the first page. */
  const filter =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setOffset(0);
    };

  const open = (a: Annotation) => {
    if (a.annotator === view.annotator) {
      view.openDocument(a.doc, a.id);
    } else {
      view.openDocument(a.doc);
      status.info(
        `That span is in ${a.annotator}'s layer; the annotate screen shows yours of “${a.doc}”.`,
      );
    }
  };

  const total = page?.total ?? 0;
  const shownFrom = total === 0 ? 0 : offset + 1;
  const shownTo = Math.min(offset + PAGE_SIZE, total);

  return (
    <main className="screen annotation-list" aria-label="Annotation list">
      <form className="list-filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          Scope
          <select
            value={scope}
            onChange={(e) => filter(setScope)(e.target.value as 'document' | 'corpus')}
          >
            <option value="document" disabled={!openDoc}>
              This document
            </option>
            <option value="corpus">All documents</option>
          </select>
        </label>
        <label>
          Annotator
          <select value={annotator} onChange={(e) => filter(setAnnotator)(e.target.value)}>
            <option value="">You ({view.annotator})</option>
            {page?.annotators
              .filter((a) => a !== view.annotator)
              .map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            <option value="*">Everyone</option>
          </select>
        </label>
        <label>
          Label
          <select
            value={label}
            onChange={(e) => {
              filter(setLabel)(e.target.value);
              setAttribute('');
            }}
          >
            <option value="">Any label</option>
            {view.codebook.labels.map((l) => (
              <option key={l.name} value={l.name}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Attribute
          <select value={attribute} onChange={(e) => filter(setAttribute)(e.target.value)}>
            <option value="">Any value</option>
            {choices.map((c) => (
              <option key={c.key} value={c.key}>
                {c.text}
              </option>
            ))}
          </select>
        </label>
        <label>
          Actor
          <select value={entity} onChange={(e) => filter(setEntity)(e.target.value)}>
            <option value="">Any or none</option>
            <option value={NO_ENTITY}>Linked to no actor</option>
            {page?.entities.map((id) => (
              <option key={id} value={id}>
                {entityNames.get(id) ?? id}
              </option>
            ))}
          </select>
        </label>
        <label className="list-text-filter">
          Text
          <input
            type="search"
            value={text}
            placeholder="Part of the span’s text"
            onChange={(e) => filter(setText)(e.target.value)}
          />
        </label>
      </form>

      <p className="list-count" id={`${ids}-count`} aria-live="polite">
        {page === null
          ? 'Loading…'
          : total === 0
            ? 'No spans match.'
            : `Spans ${shownFrom.toLocaleString()}–${shownTo.toLocaleString()} of ${total.toLocaleString()}`}
      </p>

      <div className="list-table-scroll">
        <table className="list-table" aria-describedby={`${ids}-count`}>
          <thead>
            <tr>
              {COLUMNS.map((column) => {
                const sorted = column.key !== null && sort.key === column.key;
                return (
                  <th
                    key={column.title}
                    scope="col"
                    aria-sort={sorted ? (sort.descending ? 'descending' : 'ascending') : undefined}
                  >
                    {column.key === null ? (
                      column.title
                    ) : (
                      <button
                        type="button"
                        className="sort-button"
                        onClick={() => {
                          const key = column.key!;
                          setSort({ key, descending: sorted ? !sort.descending : false });
                          setOffset(0);
                        }}
                      >
                        {column.title}
                        <span aria-hidden="true" className="sort-mark">
                          {sorted ? (sort.descending ? ' ▼' : ' ▲') : ''}
                        </span>
                      </button>
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {page?.rows.map(({ annotation: a, docTitle }) => {
              const color = view.codebook.labels.find((l) => l.name === a.label)?.color;
              const attributes = Object.entries(a.attributes).filter(
                ([, v]) => v !== null && v !== '',
              );
              return (
                <tr key={`${a.annotator}/${a.doc}/${a.id}`}>
                  <td className="list-doc" title={docTitle}>
                    {docTitle}
                  </td>
                  <td>
                    <span
                      className="list-label"
                      style={{ ['--label-color' as string]: color ?? '#888' }}
                    >
                      {a.label}
                    </span>
                  </td>
                  <td className="list-text">
                    <button
                      type="button"
                      className="list-open"
                      title="Open in its document"
                      onClick={() => open(a)}
                    >
                      {a.quote.length > 160 ? `${a.quote.slice(0, 159)}…` : a.quote}
                    </button>
                  </td>
                  <td className="list-attributes">
                    {attributes.map(([k, v]) => `${k}: ${String(v).replace(/_/g, ' ')}`).join(', ')}
                  </td>
                  <td>{a.entity ? (entityNames.get(a.entity) ?? a.entity) : ''}</td>
                  <td>{a.annotator}</td>
                  <td className="list-modified">
                    <time dateTime={a.modified}>
                      {MODIFIED_FORMAT.format(new Date(a.modified))}
                    </time>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      <nav className="list-pages" aria-label="Pages">
        <button
          type="button"
          disabled={offset === 0}
          onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}
        >
          Previous page
        </button>
        <button
          type="button"
          disabled={offset + PAGE_SIZE >= total}
          onClick={() => setOffset(offset + PAGE_SIZE)}
        >
          Next page
        </button>
      </nav>
    </main>
  );
}
